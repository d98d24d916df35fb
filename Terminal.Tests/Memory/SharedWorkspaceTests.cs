using System.Text;
using Terminal.Drivers.Display;
using Terminal.Drivers.Fakes;
using Terminal.Gateway;
using Terminal.Qr;
using Terminal.Tests.Gateway;
using Terminal.Tests.Qr;
using Xunit;

namespace Terminal.Tests.Memory;

/// <summary>
/// The terminal's one workspace (docs/memory.md): the gateway client reads response bodies into it, the QR encoder
/// works in it and the technician's probe draws its frame there. Each user's own contract with a lent array.
/// </summary>
public class SharedWorkspaceTests
{
    private const string PaymentUrl = "https://qr.alipay.com/bax03431ljhokirwl38f00a7";

    [Fact]
    public void An_encoder_working_in_a_lent_workspace_makes_the_same_symbols_whatever_the_workspace_held()
    {
        var own = new QrEncoder(11);
        byte[] workspace = new byte[2048];
        var lent = new QrEncoder(11, workspace);
        var expected = new QrCode(11);
        var actual = new QrCode(11);
        foreach (string text in new[] { PaymentUrl, "12500", new string('x', 300), "Blåbær" })
        {
            new Random(text.Length).NextBytes(workspace); // what the last response body left there
            Assert.Equal(QrStatus.Ok, own.EncodeToFit(text, 64, 1, expected));
            Assert.Equal(QrStatus.Ok, lent.EncodeToFit(text, 64, 1, actual));
            Assert.Equal(ZxingReference.DecodeMatrix(expected).Text, ZxingReference.DecodeMatrix(actual).Text);
            Assert.Equal(text, ZxingReference.DecodeMatrix(actual).Text);
            for (int y = 0; y < expected.Size; y++)
                for (int x = 0; x < expected.Size; x++)
                    Assert.Equal(expected.GetModule(x, y), actual.GetModule(x, y));
        }
    }

    [Fact]
    public void A_workspace_smaller_than_the_encoder_needs_is_refused_at_construction()
    {
        Assert.Equal(1096, QrEncoder.WorkspaceBytes(11));
        Assert.Throws<ArgumentException>(() => new QrEncoder(11, new byte[QrEncoder.WorkspaceBytes(11) - 1]));
        _ = new QrEncoder(11, new byte[QrEncoder.WorkspaceBytes(11)]);
    }

    [Fact]
    public void The_gateway_client_reads_answers_into_the_lent_body_and_refuses_one_shorter_than_its_limit()
    {
        var clock = new FakeWallClock(1_790_000_000);
        var transport = new ScriptedTransport(GatewayHarness.TerminalId, GatewayHarness.Key, () => clock.UnixSeconds);
        byte[] body = new byte[2048];
        var config = new GatewayConfig { TerminalId = GatewayHarness.TerminalId, Key = GatewayHarness.Key, RetryBackoffMs = 0, ResponseBody = body };
        var client = new GatewayClient(config, transport, clock, new FakeClock(0), new Random(1));
        const string id = "T0001-0011223344556677-000001";
        byte[] answer = ScriptedTransport.Order(id, "PAID");
        transport.Script = (_, _) => (200, answer);
        var reply = new GatewayReply();
        client.WaitForOutcome(id, 12500, "NOK", 0, reply);
        Assert.Equal(GatewayOutcome.Paid, reply.Outcome);
        Assert.Equal(Encoding.UTF8.GetString(answer), Encoding.UTF8.GetString(body, 0, answer.Length)); // read where lent

        var shortConfig = new GatewayConfig { TerminalId = GatewayHarness.TerminalId, Key = GatewayHarness.Key, ResponseBody = new byte[2047] };
        Assert.Throws<ArgumentException>(() => new GatewayClient(shortConfig, transport, clock, new FakeClock(0), new Random(1)));
    }

    [Fact]
    public void A_frame_drawn_into_lent_storage_writes_there_and_refuses_storage_too_small()
    {
        byte[] storage = new byte[2048];
        var frame = new FrameBuffer(storage);
        frame.Clear();
        frame.SetPixel(3, 9, true);
        Assert.Same(storage, frame.Bytes);
        Assert.Equal(1 << 1, storage[3 + 1 * FrameBuffer.BytesPerPage]);
        Assert.Throws<ArgumentException>(() => new FrameBuffer(new byte[FrameBuffer.ByteCount - 1]));
    }
}
