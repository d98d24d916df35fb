using Terminal.Qr;
using Xunit;

namespace Terminal.Tests.Qr;

/// <summary>The encoder runs on a small heap: after warm-up an encode allocates nothing.</summary>
public class QrAllocationTests
{
    private static long AllocatedBy(Action encode)
    {
        encode(); // warm-up: class constructors, JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        encode();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Encoding_a_version_10_symbol_with_mask_selection_allocates_nothing()
    {
        var encoder = new QrEncoder(10);
        var code = new QrCode(10);
        string text = new string('x', QrSpec.Capacity(QrMode.Byte, 10, QrEcc.M));
        int status = -1;
        Assert.Equal(0, AllocatedBy(() => status = encoder.EncodeText(text, QrEcc.M, false, 1, 10, -1, code)));
        Assert.Equal(QrStatus.Ok, status);
        Assert.Equal(10, code.Version);
    }

    [Fact]
    public void Fitting_a_payment_url_to_the_panel_and_refusing_too_long_data_allocate_nothing()
    {
        var encoder = new QrEncoder(10);
        var code = new QrCode(10);
        string url = "https://qr.alipay.com/bax03431ljhokirwl38f00a7";
        string tooLong = new string('x', 400);
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes("https://qr.alipay.com/支付宝");
        Assert.Equal(0, AllocatedBy(() => encoder.EncodeToFit(url, 64, 1, code)));
        Assert.Equal(0, AllocatedBy(() => encoder.EncodeText(tooLong, QrEcc.L, code)));
        Assert.Equal(0, AllocatedBy(() => encoder.EncodeBytes(bytes, 0, bytes.Length, QrEcc.Q, true, 1, 10, -1, code)));
    }
}
