using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;
using Terminal.App;
using Terminal.Config;

namespace Terminal.Device
{
    /// <summary>
    /// Wi-Fi on the ESP32 (DEVICE-ONLY, verified only on a device): DHCP, automatic reconnection, and SNTP time
    /// before anything else - TLS certificate checks and the gateway's signature timestamps need a true clock.
    /// </summary>
    public static class WifiLink
    {
        public const int ConnectTimeoutMs = 60000;

        public static bool Connect(TerminalConfig config, IAppLog log)
        {
            log.Line("Wi-Fi: connecting to '" + config.WifiSsidText + "'");
            CancellationTokenSource timeout = new CancellationTokenSource(ConnectTimeoutMs);
            bool connected = WifiNetworkHelper.ConnectDhcp(config.WifiSsidText, config.WifiPasswordText,
                WifiReconnectionKind.Automatic, requiresDateTime: true, token: timeout.Token);
            if (connected) log.Line("Wi-Fi: connected, IP " + IpAddress() + ", clock set by SNTP");
            else log.Line("Wi-Fi: not connected (" + StatusName(WifiNetworkHelper.Status) + "); check SSID, password and signal");
            return connected;
        }

        public static string IpAddress()
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            return interfaces.Length == 0 ? "" : interfaces[0].IPv4Address;
        }

        /// <summary>
        /// The helper's status as its name: nanoFramework keeps no enum names on the device (an enum's ToString()
        /// prints its number), and a technician reading the serial log needs the name.
        /// </summary>
        public static string StatusName(NetworkHelperStatus status)
        {
            switch (status)
            {
                case NetworkHelperStatus.None: return "None";
                case NetworkHelperStatus.Started: return "Started";
                case NetworkHelperStatus.NetworkIsReady: return "NetworkIsReady";
                case NetworkHelperStatus.FailedNoNetworkInterface: return "FailedNoNetworkInterface";
                case NetworkHelperStatus.TokenExpiredWaitingIPAddress: return "TokenExpiredWaitingIPAddress (no DHCP lease: SSID, password or signal)";
                case NetworkHelperStatus.TokenExpiredWaitingDateTime: return "TokenExpiredWaitingDateTime (no SNTP answer)";
                case NetworkHelperStatus.ErrorConnetingToWiFiWhileScanning: return "ErrorConnetingToWiFiWhileScanning";
                case NetworkHelperStatus.ExceptionOccurred: return "ExceptionOccurred";
                case NetworkHelperStatus.Reconnecting: return "Reconnecting";
                default: return "status " + ((int)status).ToString();
            }
        }
    }
}
