namespace Terminal.Drivers.Display
{
    /// <summary>The controller chip on the OLED module. Plain codes: enum names print as numbers on the device.</summary>
    public static class PanelController
    {
        /// <summary>Solomon SSD1306, 128-column RAM: most 0.96" modules.</summary>
        public const int Ssd1306 = 0;

        /// <summary>Sino Wealth SH1106, 132-column RAM with the glass starting at column 2: most 1.3" modules.</summary>
        public const int Sh1106 = 1;

        /// <summary>7-bit I2C address of SSD1306 and SH1106 modules with SA0 low: most modules.</summary>
        public const int UsualI2cAddress = 0x3C;

        /// <summary>The address with the module's SA0 jumper set high.</summary>
        public const int AlternateI2cAddress = 0x3D;
    }
}
