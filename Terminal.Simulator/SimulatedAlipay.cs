using System;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Alipay.Emulator;
using Gateway.Acquirers.Alipay;

namespace Terminal.Simulator
{
    /// <summary>
    /// Alipay for the simulator: the Alipay emulator on a free loopback port, a partner account with an RSA2 key
    /// pair made for this process, and the gateway's Alipay settings that point at it. The tourist's phone pays
    /// at the emulator's wallet (POST /wallet/pay), as the real Alipay app pays at Alipay.
    /// </summary>
    public sealed class SimulatedAlipay : IAsyncDisposable
    {
        public const string PartnerId = "2088000000000001";

        // 2048-bit keys are made once per process: making them is most of the start-up time.
        private static readonly Lazy<(string PrivatePem, string PublicPem)> PartnerKeys = new(NewKeyPair);
        private static readonly Lazy<(string PrivatePem, string PublicPem)> AlipayKeys = new(NewKeyPair);

        private SimulatedAlipay(AlipayEmulator emulator, AlipayOptions gatewaySettings)
        {
            Emulator = emulator;
            GatewaySettings = gatewaySettings;
        }

        public AlipayEmulator Emulator { get; }

        /// <summary>The merchant's Alipay settings for the gateway (NotifyUrl empty: the gateway's own /alipay/notify).</summary>
        public AlipayOptions GatewaySettings { get; }

        /// <summary>The emulator's signing key, made here so a test can sign what genuine Alipay would.</summary>
        public static string AlipayPrivateKeyPem => AlipayKeys.Value.PrivatePem;

        /// <summary>Where the tourist's wallet pays (the emulator).</summary>
        public string WalletBaseUrl => Emulator.BaseUrl;

        public static SimulatedAlipay Start(int seed) => StartAsync(seed).GetAwaiter().GetResult();

        public static async Task<SimulatedAlipay> StartAsync(int seed)
        {
            (string partnerPrivate, string partnerPublic) = PartnerKeys.Value;
            AlipayEmulator emulator = await AlipayEmulator.StartAsync(new AlipayEmulatorSettings
            {
                PartnerId = PartnerId,
                SignType = AlipaySignType.RSA2,
                PartnerPublicKeyPem = partnerPublic,
                AlipayPrivateKeyPem = AlipayKeys.Value.PrivatePem,
                Seed = seed,
            }).ConfigureAwait(false);
            var settings = new AlipayOptions
            {
                PartnerId = PartnerId,
                SignType = AlipaySignType.RSA2,
                PrivateKeyPem = partnerPrivate,
                AlipayPublicKeyPem = emulator.AlipayPublicKeyPem,
                GatewayUrl = emulator.GatewayUrl,
                SettlementCurrency = "EUR",
                RequestTimeout = TimeSpan.FromSeconds(5),
            };
            return new SimulatedAlipay(emulator, settings);
        }

        private static (string, string) NewKeyPair()
        {
            using RSA rsa = RSA.Create(2048);
            return (rsa.ExportPkcs8PrivateKeyPem(), rsa.ExportSubjectPublicKeyInfoPem());
        }

        public ValueTask DisposeAsync() => Emulator.DisposeAsync();
    }
}
