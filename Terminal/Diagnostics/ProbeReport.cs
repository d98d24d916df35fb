using System;

namespace Terminal.Diagnostics
{
    /// <summary>One operation the probe times; a plain delegate because nanoFramework 1.x has no generics.</summary>
    public delegate void ProbeOperation();

    /// <summary>
    /// Times operations with the device's own clock (DateTime.UtcNow ticks: mscorlib has no Stopwatch) and
    /// prints one line per item: name, repetitions, total ms and ms per operation.
    /// </summary>
    public sealed class ProbeReport
    {
        /// <summary>Room for every item the probe has (12) and a few more; items past it are timed and printed, not kept.</summary>
        public const int MaxItems = 16;

        // Kept as the names given and raw ticks, not as formatted text: the report lives on the heap from the probe's
        // first item until its page is left, and the technician's page formats each figure once when it shows it.
        private readonly string[] _names = new string[MaxItems];
        private readonly long[] _ticksPerOperation = new long[MaxItems];

        /// <summary>Items kept (at most MaxItems).</summary>
        public int Items;

        /// <summary>When false, results are only kept, not printed (the technician menu shows them on the panel).</summary>
        public bool PrintToConsole = true;

        public string Name(int item) { return _names[item]; }

        /// <summary>Milliseconds per operation of an item, as printed ("12.345").</summary>
        public string MsPerOperation(int item) { return Milliseconds(_ticksPerOperation[item]); }

        public void Time(string name, int repetitions, ProbeOperation operation)
        {
            operation(); // warm-up: first calls pay for class constructors and JIT (host) or loading (device)
            long start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < repetitions; i++) operation();
            long elapsedTicks = DateTime.UtcNow.Ticks - start;
            if (elapsedTicks < 0) elapsedTicks = 0; // the clock was stepped back (SNTP) during the run
            long ticksPerOperation = repetitions == 0 ? 0 : elapsedTicks / repetitions;
            if (Items < MaxItems)
            {
                _names[Items] = name;
                _ticksPerOperation[Items] = ticksPerOperation;
                Items++;
            }
            if (PrintToConsole)
                Console.WriteLine(name + " reps=" + repetitions.ToString() + " total_ms=" + Milliseconds(elapsedTicks)
                    + " ms_per_op=" + Milliseconds(ticksPerOperation));
        }

        /// <summary>Ticks (100 ns) as milliseconds with three decimals, without floating-point formats.</summary>
        public static string Milliseconds(long ticks)
        {
            long micro = ticks / 10;
            string fraction = (micro % 1000).ToString();
            while (fraction.Length < 3) fraction = "0" + fraction;
            return (micro / 1000).ToString() + "." + fraction;
        }
    }
}
