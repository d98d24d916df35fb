using System.Security.Cryptography;
using Gateway.Acquirers.Alipay;
using Gateway.Server;
using Gateway.Server.Acquiring;
using Xunit;

namespace Terminal.Tests.GatewayServer;

/// <summary>The server's Alipay settings: keys as PEM text or PEM files, the default notify_url, errors that never show a key.</summary>
public class AlipaySettingsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "alipay-settings-" + Guid.NewGuid().ToString("N"));
    private static readonly Lazy<(string Private, string Public)> Keys = new(() =>
    {
        using RSA rsa = RSA.Create(2048);
        return (rsa.ExportPkcs8PrivateKeyPem(), rsa.ExportSubjectPublicKeyInfoPem());
    });

    public AlipaySettingsTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private static AlipayOptions Configured(string privateKey, string publicKey) => new()
    {
        PartnerId = "2088000000000001", PrivateKeyPem = privateKey, AlipayPublicKeyPem = publicKey,
        GatewayUrl = "https://intlmapi.alipay.com/gateway.do", SettlementCurrency = "EUR",
    };

    [Fact]
    public void Keys_are_read_from_PEM_files_and_the_notify_url_defaults_to_the_servers_own()
    {
        string privatePath = Path.Combine(_folder, "partner.pem");
        File.WriteAllText(privatePath, Keys.Value.Private);
        AlipayOptions resolved = AlipaySettings.Resolve(Configured(privatePath, Keys.Value.Public), "http://127.0.0.1:5090/alipay/notify");
        Assert.Equal(Keys.Value.Private, resolved.PrivateKeyPem);
        Assert.Equal(Keys.Value.Public, resolved.AlipayPublicKeyPem);
        Assert.Equal("http://127.0.0.1:5090/alipay/notify", resolved.NotifyUrl);
        Assert.DoesNotContain("PRIVATE", resolved.ToString());
    }

    [Fact]
    public void A_key_setting_that_is_neither_PEM_nor_a_file_is_refused_without_showing_its_value()
    {
        const string secretLooking = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";
        var e = Assert.Throws<ArgumentException>(() => AlipaySettings.Resolve(Configured(secretLooking, Keys.Value.Public), "http://127.0.0.1/n"));
        Assert.Contains("PrivateKeyPem", e.Message);
        Assert.DoesNotContain(secretLooking, e.Message);
    }

    [Fact]
    public async Task A_server_with_an_unknown_acquirer_or_bad_Alipay_settings_does_not_start()
    {
        var unknown = new GatewayServerOptions { Urls = "http://127.0.0.1:0", DataDirectory = Path.Combine(_folder, "a"), Acquirer = "Vipps" };
        Assert.Contains("Gateway:Acquirer", (await Assert.ThrowsAsync<ArgumentException>(() => GatewayHost.StartAsync(unknown))).Message);
        var badPartner = new GatewayServerOptions
        {
            Urls = "http://127.0.0.1:0", DataDirectory = Path.Combine(_folder, "b"), Acquirer = "Alipay",
            Alipay = Configured(Keys.Value.Private, Keys.Value.Public),
        };
        badPartner.Alipay.PartnerId = "1234";
        var e = await Assert.ThrowsAsync<ArgumentException>(() => GatewayHost.StartAsync(badPartner));
        Assert.Contains("PartnerId", e.Message);
        Assert.DoesNotContain("PRIVATE", e.Message);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5090")]
    [InlineData("http://*:5090")]
    [InlineData("http://127.0.0.1:5090;http://192.168.1.20:5090")]
    public async Task The_development_wallet_does_not_start_on_the_network_unless_a_trial_is_asked_for(string urls)
    {
        var development = new GatewayServerOptions { Urls = urls, DataDirectory = Path.Combine(_folder, "dev") };
        var e = await Assert.ThrowsAsync<ArgumentException>(() => GatewayHost.StartAsync(development));
        Assert.Contains("AllowDevelopmentWalletOnNetwork", e.Message);
        Assert.False(Directory.Exists(development.DataDirectory)); // refused before anything was opened

        development.AllowDevelopmentWalletOnNetwork = true;
        Assert.Null(development.Problem());
        Assert.Null(new GatewayServerOptions { Urls = urls, Acquirer = "Alipay" }.Problem());
        Assert.Null(new GatewayServerOptions { Urls = "http://127.0.0.1:5090;http://localhost:5091;http://[::1]:5092" }.Problem());
    }
}
