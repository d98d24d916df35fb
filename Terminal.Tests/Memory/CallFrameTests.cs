using Terminal.Tests.Firmware;
using Xunit;
using Xunit.Abstractions;

namespace Terminal.Tests.Memory;

/// <summary>
/// Call frames are heap in nanoCLR, sized from the MetadataProcessor's estimate of each method's evaluation stack
/// (<see cref="MetadataProcessorFrames"/>). A firmware method whose frame that estimate inflates costs heap at every
/// call for nothing (Texts.Get's was 1,872 bytes on the bench instead of 408): this fails CI for one, on the firmware
/// as the device and the bench compile it (optimized, against nanoFramework's mscorlib).
/// </summary>
public class CallFrameTests(ITestOutputHelper output)
{
    /// <summary>One heap block (24 bytes on the bench) of slack: a few methods' estimates are one slot high by how they branch.</summary>
    public const int AllowedExtraBlocks = 1;

    [Fact]
    public void No_firmware_method_has_a_frame_the_MetadataProcessor_inflates()
    {
        var compiled = GateCompiler.CompileOptimized(withFirmwareSources: true);
        Assert.True(compiled.Success, string.Join("\n", compiled.Errors));
        var inflated = MetadataProcessorFrames.Inflated(compiled.Image);
        foreach (var i in inflated) output.WriteLine(i.ToString());
        var offenders = inflated.Where(i => i.ExtraBlocks > AllowedExtraBlocks).Select(i => i.Method + ": " + i.ExtraBlocks * 24
            + " bytes more per call on the bench (the MetadataProcessor estimates " + i.MetadataProcessorStack + " stack slots, the compiler "
            + i.CompilerStack + "); give its switch one exit").ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void ListFrames()
    {
        var compiled = GateCompiler.CompileOptimized(withFirmwareSources: true);
        foreach (var f in MetadataProcessorFrames.Frames(compiled.Image).Take(60)) output.WriteLine(f.Bytes + " " + f.Method);
    }

    [Fact]
    public void The_check_finds_a_switch_of_returns_and_passes_its_one_exit_form()
    {
        string cases = string.Concat(Enumerable.Range(0, 30).Select(i => "case " + i + ": return \"t" + i + "\"; "));
        string assigned = string.Concat(Enumerable.Range(0, 30).Select(i => "case " + i + ": text = \"t" + i + "\"; break; "));
        var compiled = GateCompiler.CompileOptimized(false,
            "public static class Returns { public static string Get(int id) { switch (id) { " + cases + "default: return \"?\"; } } }",
            "public static class OneExit { public static string Get(int id) { string text; switch (id) { " + assigned + "default: text = \"?\"; break; } return text; } }");
        Assert.True(compiled.Success, string.Join("\n", compiled.Errors));
        var inflated = MetadataProcessorFrames.Inflated(compiled.Image);
        var returns = Assert.Single(inflated, i => i.Method == "Returns.Get");
        Assert.True(returns.MetadataProcessorStack >= 30, returns.ToString()); // a slot per return
        Assert.True(returns.ExtraBlocks > AllowedExtraBlocks);
        Assert.DoesNotContain(inflated, i => i.Method == "OneExit.Get");
    }

    [Fact]
    public void A_frame_costs_what_the_interpreter_allocates()
    {
        // CLR_RT_StackFrame::Push: at least 10 slots, plus 7 blocks of the frame itself: 408 bytes on the bench, the
        // figure measured with nested calls (docs/memory.md), and one block more per slot past the minimum.
        Assert.Equal(408, 24 * MetadataProcessorFrames.FrameBlocks(locals: 0, evalStack: 1));
        Assert.Equal(408, 24 * MetadataProcessorFrames.FrameBlocks(locals: 3, evalStack: 4));
        Assert.Equal(1872, 24 * MetadataProcessorFrames.FrameBlocks(locals: 1, evalStack: 67)); // Texts.Get before its switch had one exit
    }
}
