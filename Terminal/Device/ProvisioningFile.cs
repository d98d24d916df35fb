using System;
using System.IO;
using Terminal.Config;

namespace Terminal.Device
{
    /// <summary>
    /// Loads the provisioning file from the ESP32's internal flash file system (drive I:), written there by
    /// <c>nanoff --filedeployment</c> (hardware-notes/provisioning.md). ESP32 only: not built on the build machines,
    /// so this file is unverified until the first device build.
    /// </summary>
    public static class ProvisioningFile
    {
        public const string Path = "I:\\terminal.cfg";

        /// <summary>The configuration, or null and the problem (a missing file is a problem too). Never throws.</summary>
        public static TerminalConfig Load(out ConfigError error)
        {
            byte[] bytes;
            try
            {
                if (!File.Exists(Path))
                {
                    error = new ConfigError(0, null, Path + " not found: provision the terminal (hardware-notes/provisioning.md)");
                    return null;
                }
                using (FileStream stream = new FileStream(Path, FileMode.Open, FileAccess.Read))
                {
                    if (stream.Length > TerminalConfig.MaxFileChars * 4)
                    {
                        error = new ConfigError(0, null, "the file is too large");
                        return null;
                    }
                    bytes = new byte[(int)stream.Length];
                    int read = 0;
                    while (read < bytes.Length)
                    {
                        int n = stream.Read(bytes, read, bytes.Length - read);
                        if (n <= 0) break;
                        read += n;
                    }
                }
            }
            catch (Exception e)
            {
                error = new ConfigError(0, null, "cannot read " + Path + " (" + e.GetType().Name + ")");
                return null;
            }
            return TerminalConfig.Parse(Text.Utf8.Decode(bytes, 0, bytes.Length), out error);
        }
    }
}
