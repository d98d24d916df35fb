using System.Reflection;
using System.Reflection.Emit;
using Terminal.Ui;

namespace Terminal.Tests.App;

/// <summary>
/// Lists the places where compiled code reads the screen model: a load of one of its fields (or of a field's
/// address) or a call of one of its getters or value-returning methods, found by decoding the IL of every method
/// in a namespace. Stores into its fields and calls of its void setters are writes and pass.
/// </summary>
public static class ScreenModelReads
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static List<string> In(Assembly assembly, string ns) => Find(assembly, ns, ReadsIn);

    /// <summary>Every call, in a namespace's code, of a method or property getter of <paramref name="declaring"/> with this name.</summary>
    public static List<string> CallsOf(Assembly assembly, string ns, Type declaring, string name) =>
        Find(assembly, ns, (method, il) => Operands(method, il)
            .Where(x => (x.Op == OpCodes.Call || x.Op == OpCodes.Callvirt) && method.Module.ResolveMethod(x.Token) is MethodBase m
                        && m.DeclaringType == declaring && m.Name == name)
            .Select(_ => "calls " + declaring.Name + "." + name));

    private static List<string> Find(Assembly assembly, string ns, Func<MethodBase, byte[], IEnumerable<string>> inMethod)
    {
        var findings = new List<string>();
        foreach (Type type in assembly.GetTypes().Where(t => t.Namespace == ns))
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (MethodBase method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
                if (il == null) continue;
                foreach (string found in inMethod(method, il)) findings.Add(type.Name + "." + method.Name + " " + found);
            }
        }
        return findings;
    }

    private static IEnumerable<string> ReadsIn(MethodBase method, byte[] il)
    {
        Module module = method.Module;
        foreach (var (op, token) in Operands(method, il))
        {
            if (op == OpCodes.Ldfld || op == OpCodes.Ldflda || op == OpCodes.Ldsfld || op == OpCodes.Ldsflda)
            {
                FieldInfo? field = module.ResolveField(token);
                if (field?.DeclaringType == typeof(ScreenModel)) yield return "reads ScreenModel." + field.Name;
            }
            else if (op == OpCodes.Call || op == OpCodes.Callvirt)
            {
                if (module.ResolveMethod(token) is MethodInfo m && m.DeclaringType == typeof(ScreenModel)
                    && (m.ReturnType != typeof(void) || m.Name.StartsWith("get_", StringComparison.Ordinal)))
                    yield return "reads ScreenModel." + m.Name + "()";
            }
        }
    }

    /// <summary>The instructions of a method body that carry a metadata token (field, method, type, ...).</summary>
    private static IEnumerable<(OpCode Op, int Token)> Operands(MethodBase method, byte[] il)
    {
        int at = 0;
        while (at < il.Length)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            OpCode op = OpCodesByValue[value];
            at += op.Size;
            int operandAt = at;
            at += OperandBytes(op.OperandType, il, at);
            if (op.OperandType is OperandType.InlineField or OperandType.InlineMethod)
                yield return (op, BitConverter.ToInt32(il, operandAt));
        }
    }

    private static int OperandBytes(OperandType type, byte[] il, int at) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };
}
