using System.IO;
using Terminal.App;

namespace Terminal.Device
{
    /// <summary>
    /// The gateway's pinned root CA (DEVICE-ONLY, verified only on a device), deployed as I:\gateway-root-ca.pem
    /// (hardware-notes/provisioning.md). Without it HTTPS to the gateway is refused, never downgraded.
    /// </summary>
    public static class GatewayCertificate
    {
        public const string Path = "I:\\gateway-root-ca.pem";

        /// <summary>The PEM bytes, or null (and a log line) when the file is missing.</summary>
        public static byte[] Load(IAppLog log)
        {
            if (!File.Exists(Path))
            {
                log.Line("TLS: " + Path + " missing - HTTPS to the gateway will fail until the root CA is deployed");
                return null;
            }
            return File.ReadAllBytes(Path);
        }
    }
}
