using System.Text;
using Terminal.App;
using Terminal.Config;
using Terminal.Diagnostics;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Network;
using Terminal.Drivers.Sound;
using Terminal.Gateway;
using Terminal.Tests.Memory;
using Xunit;

namespace Terminal.Tests.App;

/// <summary>
/// The cashier's Cancel while the worker is still opening the long poll (signing it, connecting): the transport
/// has no exchange to end yet, as nanoFramework's and .NET's transports behave. The runner asks again on each
/// pass, so the cancel goes out as soon as the poll is open, not after the gateway's hold.
/// </summary>
public class CancelDuringPollStartTests
{
    private const long StartUnixSeconds = 1_790_000_000;

    /// <summary>
    /// A gateway in memory, signed like the real one: no open orders, a create answers PENDING, a cancel CANCELLED.
    /// A long poll stops at <see cref="PollOpening"/> until the test opens the gate, and only then becomes an
    /// exchange <see cref="AbortExchange"/> can end; it never answers by itself within the test's patience.
    /// </summary>
    private sealed class SlowOpeningGateway(string terminalId, byte[] key) : IHttpTransport
    {
        private readonly object _lock = new();
        private bool _open;
        public readonly ManualResetEventSlim PollOpening = new(false);
        public readonly ManualResetEventSlim OpenGate = new(false);
        private readonly ManualResetEventSlim _abortedSignal = new(false);
        public int IgnoredAborts;
        public string? CancelledOrder;

        public void AbortExchange()
        {
            lock (_lock)
            {
                if (!_open)
                {
                    IgnoredAborts++; // nothing in progress yet: the real transports do nothing either
                    return;
                }
                _abortedSignal.Set();
            }
        }

        public int Send(string method, string path, HttpHeaderBlock headers, byte[] body, int bodyLength, HttpResponseBuffer response, int timeoutMs)
        {
            string request = Encoding.UTF8.GetString(body, 0, bodyLength);
            string orderId = path == GatewayPaths.Open ? "" : System.Text.Json.JsonDocument.Parse(request).RootElement.GetProperty("orderId").GetString()!;
            string answer;
            if (path == GatewayPaths.Open) answer = "{\"orderIds\":[]}";
            else if (path == GatewayPaths.Create) answer = Order(orderId, GatewayPaths.StatusPending);
            else if (path == GatewayPaths.Cancel)
            {
                CancelledOrder = orderId;
                answer = Order(orderId, GatewayPaths.StatusCancelled);
            }
            else if (path == GatewayPaths.Wait)
            {
                PollOpening.Set();
                if (!OpenGate.Wait(TimeSpan.FromSeconds(30))) return TransportError.Timeout;
                lock (_lock) _open = true;
                try
                {
                    // The gateway's hold: 30 s of real time is "never" for this test.
                    if (!_abortedSignal.Wait(TimeSpan.FromSeconds(30))) return TransportError.Timeout;
                    return TransportError.Aborted;
                }
                finally
                {
                    lock (_lock) { _open = false; _abortedSignal.Reset(); }
                }
            }
            else answer = "{}";
            return HeapGuardTransport.SignedAnswer(key, terminalId, StartUnixSeconds, method, path, headers, response, answer);
        }

        private static string Order(string orderId, string status) =>
            "{\"orderId\":\"" + orderId + "\",\"status\":\"" + status + "\",\"amountMinor\":12500,\"currency\":\"NOK\",\"code\":\""
            + HeapGuardTransport.PaymentCode + "\",\"expiresInSeconds\":100}";
    }

    [Fact]
    public void A_cancel_pressed_while_the_poll_is_still_opening_ends_it_as_soon_as_it_is_open()
    {
        const string provisioning = "wifi.ssid=Butikk\nwifi.password=hemmelig-passord\ngateway.url=https://pay.example.no/terminal\n"
            + "terminal.id=BRG-003\nterminal.key=hex:00112233445566778899aabbccddeeff0123456789abcdef0123456789abcdef\n"
            + "technician.pin=48213\nlanguage=no\ncurrency=NOK\npanel.controller=ssd1306\n";
        TerminalConfig config = TerminalConfig.Parse(provisioning, out ConfigError error) ?? throw new InvalidOperationException(error.ToString());
        var clock = new FakeClock(1000);
        var lines = new MemoryKeypadLines(4);
        var gateway = new SlowOpeningGateway(config.TerminalIdText, config.TerminalKeyBytes);
        var terminal = new PaymentTerminal(config, lines, new KeypadTiming(), new RecordingPanelBus(16), new NoToneOutput(), gateway,
            clock, new FakeWallClock(StartUnixSeconds), new Random(1), new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, new MemorySlot(), new MemorySlot(), new MemorySlot(),
            new UiLoopDriver.SilentLog());
        try
        {
            terminal.Boot();
            terminal.App.SetNetwork(true, "10.0.0.2");
            UiLoopDriver.StepUntil(terminal, () => terminal.App.State == AppState.Idle, "the amount screen");
            UiLoopDriver.Type(terminal, clock, lines, "12500D");
            UiLoopDriver.StepUntil(terminal, () => gateway.PollOpening.IsSet, "the first long poll");

            UiLoopDriver.Type(terminal, clock, lines, "A"); // Cancel: the poll is not open yet, the first abort finds nothing
            Assert.True(gateway.IgnoredAborts > 0, "the abort was not asked for while the poll was opening");
            gateway.OpenGate.Set();

            UiLoopDriver.StepUntil(terminal, () => terminal.App.State == AppState.Ended, "the cancelled screen (the poll was never ended)");
            Assert.NotNull(gateway.CancelledOrder);
        }
        finally
        {
            gateway.OpenGate.Set();
            terminal.Runner.Abandon();
        }
    }
}
