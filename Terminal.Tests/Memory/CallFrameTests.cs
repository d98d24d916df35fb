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

    /// <summary>
    /// The largest call frame any firmware method may need (SHA-256's block, Sha256.ProcessBlock, on every signed
    /// exchange: its eight working variables stay locals, for speed). nanoCLR
    /// allocates a frame in one piece and does not compact the heap for it: when the heap runs low, the largest frame
    /// is what finds no hole big enough first (docs/memory.md, "Fragmentation"). Lower it as frames shrink.
    /// </summary>
    public const int MaxFrameBytes = 720;

    [Fact]
    public void No_firmware_method_needs_a_call_frame_larger_than_the_cap()
    {
        var compiled = GateCompiler.CompileOptimized(withFirmwareSources: true);
        Assert.True(compiled.Success, string.Join("\n", compiled.Errors));
        var frames = MetadataProcessorFrames.Frames(compiled.Image);
        foreach (var f in frames.Take(12)) output.WriteLine(f.Bytes + " B  " + f.Method);
        var over = frames.Where(f => f.Bytes > MaxFrameBytes).Select(f => f.Method + ": " + f.Bytes + " B").ToList();
        Assert.True(over.Count == 0, "frames over " + MaxFrameBytes + " B (fewer locals or a shallower evaluation stack):\n" + string.Join("\n", over));
    }

    [Fact]
    public void The_frame_cap_finds_a_method_with_many_locals()
    {
        string locals = string.Concat(Enumerable.Range(0, 30).Select(i => "long v" + i + " = n * " + i + "; "));
        string sum = string.Join(" + ", Enumerable.Range(0, 30).Select(i => "v" + i));
        var compiled = GateCompiler.CompileOptimized(false,
            "public static class Wide { public static long Sum(long n) { " + locals + "return " + sum + "; } }");
        Assert.True(compiled.Success, string.Join("\n", compiled.Errors));
        var wide = Assert.Single(MetadataProcessorFrames.Frames(compiled.Image), f => f.Method == "Wide.Sum");
        Assert.True(wide.Bytes > MaxFrameBytes, wide.ToString());
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
