using System.Text.RegularExpressions;
using Terminal.Gateway;
using Xunit;

namespace Terminal.Tests.Gateway;

/// <summary>Order ids are the idempotency key: never reused within a boot, across boots or across terminals.</summary>
public class OrderIdsTests
{
    private static OrderIds Boot(string terminal, int seed)
    {
        var boot = new byte[8];
        new Random(seed).NextBytes(boot);
        return new OrderIds(terminal, boot);
    }

    [Fact]
    public void Ids_of_many_boots_and_terminals_never_repeat()
    {
        var seen = new HashSet<string>();
        foreach (string terminal in new[] { "T0001", "T0002" })
        {
            for (int boot = 0; boot < 200; boot++)
            {
                var ids = Boot(terminal, boot); // every boot restarts the counter: only the boot value keeps ids apart
                for (int i = 0; i < 50; i++) Assert.True(seen.Add(ids.Next()));
            }
        }
        Assert.Equal(2 * 200 * 50, seen.Count);
    }

    [Fact]
    public void An_id_fits_alipays_64_characters_and_uses_only_safe_characters()
    {
        var ids = Boot(new string('T', 24), 1);
        string first = ids.Next();
        Assert.Matches(new Regex("^T{24}-[0-9a-f]{16}-000001$"), first);
        Assert.InRange(first.Length, 1, 64);
        for (int i = 0; i < 1_000_000 - 2; i++) ids.Next();
        Assert.EndsWith("-1000000", ids.Next());
    }
}
