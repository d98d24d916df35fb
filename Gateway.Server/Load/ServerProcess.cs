using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Gateway.Server.Load;

/// <summary>
/// A gateway server in its own operating-system process (the load command's instances, the crash test):
/// started with the same assembly and configuration arguments, ready once it prints its address; killable
/// with SIGKILL; its resident memory read from /proc.
/// </summary>
public sealed partial class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    [GeneratedRegex(@"terminals and the wallet at (http://[^ ,]+)")]
    private static partial Regex AddressLine();

    /// <summary>Starts `dotnet Gateway.Server.dll --Gateway:...` and waits (up to the timeout) for its address line.</summary>
    public static ServerProcess Start(IEnumerable<string> configuration, TimeSpan timeout)
    {
        string dll = typeof(GatewayHost).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (string setting in configuration) start.ArgumentList.Add(setting);
        start.Environment["DOTNET_gcServer"] = "0";
        Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + dll);
        var address = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == null) return;
            lock (output) output.AppendLine(e.Data);
            Match m = AddressLine().Match(e.Data);
            if (m.Success) address.TrySetResult(m.Groups[1].Value);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
        process.Exited += (_, _) => address.TrySetException(new InvalidOperationException("gateway process exited: " + output));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!address.Task.Wait(timeout))
        {
            process.Kill(true);
            throw new TimeoutException("gateway process did not start: " + output);
        }
        return new ServerProcess(process, address.Task.Result);
    }

    /// <summary>kill -9: no shutdown code runs, no buffer is flushed.</summary>
    public void KillHard()
    {
        if (_process.HasExited) return;
        Process.Start("kill", new[] { "-9", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture) })!.WaitForExit();
        _process.WaitForExit();
    }

    /// <summary>Resident set size in bytes (VmRSS of /proc/PID/status).</summary>
    public long ResidentBytes()
    {
        foreach (string line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        throw new InvalidOperationException("no VmRSS for " + Pid);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
