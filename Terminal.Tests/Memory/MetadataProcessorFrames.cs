using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Terminal.Tests.Memory;

/// <summary>
/// What a call frame of each method costs in nanoCLR, where frames are heap blocks (docs/memory.md). The interpreter
/// sizes a frame from the method's locals and from the evaluation-stack depth that nanoFramework's MetadataProcessor
/// wrote into the assembly, and that depth is the MetadataProcessor's own estimate, not the compiler's: a linear pass
/// over the IL in which a `ret` never pops, so every `return value` in a switch (whose case labels it does not track
/// as branch targets) adds a slot for good. A switch of 68 returns made Texts.Get's frame 1,872 bytes on the bench
/// instead of 408. <see cref="MetadataProcessorStackSize"/> is that estimate, ported line for line.
/// </summary>
public static class MetadataProcessorFrames
{
    // nf-interpreter a3e8139a, CLR_RT_StackFrame::Push: locals + evaluation stack + 2 slots for newobj + 1 for an
    // inlined call, at least 10, plus the frame's own fields (7 heap blocks on the 64-bit bench).
    private const int NewObjAndInlineSlots = 3;
    private const int MinimumSlots = 10;
    private const int HeaderBlocks = 7;

    /// <summary>Heap blocks of a frame with this many locals and this evaluation-stack depth (24 bytes each on the bench).</summary>
    public static int FrameBlocks(int locals, int evalStack)
    {
        return HeaderBlocks + Math.Max(MinimumSlots, locals + evalStack + NewObjAndInlineSlots);
    }

    public sealed record Inflation(string Method, int CompilerStack, int MetadataProcessorStack, int Locals, int ExtraBlocks);

    public sealed record Frame(string Method, int Bytes);

    /// <summary>Every method's call frame as nanoCLR allocates it on the bench (bytes), largest first.</summary>
    public static List<Frame> Frames(byte[] image)
    {
        var found = new List<Frame>();
        using var module = ModuleDefinition.ReadModule(new MemoryStream(image));
        foreach (TypeDefinition type in module.GetTypes())
        {
            foreach (MethodDefinition method in type.Methods)
            {
                if (!method.HasBody) continue;
                int blocks = FrameBlocks(method.Body.Variables.Count, MetadataProcessorStackSize(method.Body));
                found.Add(new Frame(type.FullName + "." + method.Name, blocks * BlockBytes));
            }
        }
        return found.OrderByDescending(f => f.Bytes).ToList();
    }

    /// <summary>A heap block on the 64-bit bench (12 bytes on the ESP32).</summary>
    public const int BlockBytes = 24;

    /// <summary>Every method whose frame the MetadataProcessor's estimate makes larger than the compiler's stack depth would.</summary>
    public static List<Inflation> Inflated(byte[] image)
    {
        var found = new List<Inflation>();
        using var module = ModuleDefinition.ReadModule(new MemoryStream(image));
        foreach (TypeDefinition type in module.GetTypes())
        {
            foreach (MethodDefinition method in type.Methods)
            {
                if (!method.HasBody) continue;
                int locals = method.Body.Variables.Count;
                int estimated = MetadataProcessorStackSize(method.Body);
                int extra = FrameBlocks(locals, estimated) - FrameBlocks(locals, method.Body.MaxStackSize);
                if (extra > 0) found.Add(new Inflation(type.FullName + "." + method.Name, method.Body.MaxStackSize, estimated, locals, extra));
            }
        }
        return found;
    }

    /// <summary>
    /// The evaluation-stack depth the MetadataProcessor writes for a method body: CodeWriter.CalculateStackSize of
    /// nanoframework/metadata-processor v3.0.100 (commit 4541b46b, MIT licence), ported unchanged, quirks included.
    /// </summary>
    public static int MetadataProcessorStackSize(MethodBody methodBody)
    {
        var offsets = new Dictionary<int, int>();
        int size = 0;
        int maxSize = 0;
        foreach (Instruction instruction in methodBody.Instructions)
        {
            if (offsets.TryGetValue(instruction.Offset, out int correctedStackSize)) size = correctedStackSize;

            switch (instruction.OpCode.Code)
            {
                case Code.Throw:
                case Code.Endfinally:
                case Code.Endfilter:
                case Code.Leave_S:
                case Code.Br_S:
                case Code.Leave:
                    size = 0;
                    continue;

                case Code.Newobj:
                    size -= ((MethodReference)instruction.Operand).Parameters.Count;
                    break;

                case Code.Callvirt:
                case Code.Call:
                    {
                        var method = (MethodReference)instruction.Operand;
                        if (method.HasThis) --size;
                        size -= method.Parameters.Count;
                        if (method.ReturnType.FullName != "System.Void") ++size;
                    }
                    break;
            }

            size = CorrectStackDepthByPushes(instruction, size);
            size = CorrectStackDepthByPops(instruction, size);

            if (instruction.OpCode.OperandType == OperandType.ShortInlineBrTarget || instruction.OpCode.OperandType == OperandType.InlineBrTarget)
            {
                var target = (Instruction)instruction.Operand;
                offsets.TryGetValue(target.Offset, out int stackSize);
                offsets[target.Offset] = Math.Max(stackSize, size);
            }

            maxSize = Math.Max(maxSize, size);
        }
        return (byte)maxSize;
    }

    private static int CorrectStackDepthByPushes(Instruction instruction, int size)
    {
        switch (instruction.OpCode.StackBehaviourPush)
        {
            case StackBehaviour.Push1:
            case StackBehaviour.Pushi:
            case StackBehaviour.Pushi8:
            case StackBehaviour.Pushr4:
            case StackBehaviour.Pushr8:
            case StackBehaviour.Pushref:
                ++size;
                break;
            case StackBehaviour.Push1_push1:
                size += 2;
                break;
        }
        return size;
    }

    private static int CorrectStackDepthByPops(Instruction instruction, int size)
    {
        switch (instruction.OpCode.StackBehaviourPop)
        {
            case StackBehaviour.Pop1:
            case StackBehaviour.Popi:
            case StackBehaviour.Popref:
                --size;
                break;
            case StackBehaviour.Pop1_pop1:
            case StackBehaviour.Popi_pop1:
            case StackBehaviour.Popi_popi:
            case StackBehaviour.Popi_popi8:
            case StackBehaviour.Popi_popr4:
            case StackBehaviour.Popi_popr8:
            case StackBehaviour.Popref_pop1:
            case StackBehaviour.Popref_popi:
                size -= 2;
                break;
            case StackBehaviour.Popi_popi_popi:
            case StackBehaviour.Popref_popi_popi:
            case StackBehaviour.Popref_popi_popi8:
            case StackBehaviour.Popref_popi_popr4:
            case StackBehaviour.Popref_popi_popr8:
            case StackBehaviour.Popref_popi_popref:
                size -= 3;
                break;
        }
        return size;
    }
}
