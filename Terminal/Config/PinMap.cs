using System;
using Terminal.Drivers.Display;

namespace Terminal.Config
{
    /// <summary>
    /// The ESP32 pins the firmware uses (ESP32-DevKitC / WROOM-32 or WROVER numbering). The technician's
    /// wiring table and diagram (hardware-notes/wiring.md, wiring.svg) show the same numbers; a test reads
    /// both and fails if they disagree, so change all three together.
    /// Pins avoided on purpose: strapping pins 0, 2, 5, 12, 15 (a key held at reset would change the boot
    /// mode or flash voltage), 6-11 (the SPI flash), 16-17 (PSRAM on WROVER modules), 1 and 3 (the USB
    /// serial port used for flashing and the self-test log), 34-39 (input-only, no internal pull-ups).
    /// </summary>
    public static class PinMap
    {
        // I2C to the OLED: the ESP32's conventional I2C pins, routed to bus 1 on nanoFramework.
        public const int I2cBusId = 1;
        public const int I2cDataGpio = 21;
        public const int I2cClockGpio = 22;

        /// <summary>400 kHz (fast mode): the SSD1306/SH1106 maximum; a full frame takes about 25-35 ms.</summary>
        public const int I2cBusSpeedHz = 400000;

        /// <summary>7-bit panel address with SA0 low (most modules); the alternate one when the module's SA0 jumper is high.</summary>
        public const int PanelI2cAddress = PanelController.UsualI2cAddress;

        // Keypad rows: inputs with the internal pull-up enabled (pressed = low). 32, 33, 25, 26 are adjacent
        // on the DevKitC's left header, have internal pull-ups and no boot function.
        public const int KeypadRow1Gpio = 32;
        public const int KeypadRow2Gpio = 33;
        public const int KeypadRow3Gpio = 25;
        public const int KeypadRow4Gpio = 26;

        // Keypad columns: driven low one at a time, otherwise high impedance, so they must be output-capable
        // (not 34-39). 27, 14 and 13 continue the left header after the rows (skipping strapping pin 12);
        // 18 is a free pin on the right header.
        public const int KeypadColumn1Gpio = 27;
        public const int KeypadColumn2Gpio = 14;
        public const int KeypadColumn3Gpio = 13;
        public const int KeypadColumn4Gpio = 18;

        /// <summary>Optional passive piezo sounder, PWM tones (hardware-notes/buzzer.md); leave unconnected if not fitted.</summary>
        public const int BuzzerGpio = 19;

        public const int KeypadRowCount = 4;
        public const int KeypadColumnCount = 4;

        /// <summary>Rows R1-R4 top to bottom (keycaps 1 2 3 A / 4 5 6 B / 7 8 9 C / * 0 # D). A new array each call: call once at start-up.</summary>
        public static int[] KeypadRows()
        {
            return Pins(KeypadRow1Gpio, KeypadRow2Gpio, KeypadRow3Gpio, KeypadRow4Gpio);
        }

        /// <summary>Columns C1-C4 left to right. A new array each call: call once at start-up.</summary>
        public static int[] KeypadColumns()
        {
            return Pins(KeypadColumn1Gpio, KeypadColumn2Gpio, KeypadColumn3Gpio, KeypadColumn4Gpio);
        }

        /// <summary>
        /// Four pins as a new array, stored one by one: a constant array initializer would cost a hidden static field
        /// on the device's heap for the firmware's life (Terminal.Drivers.Memory.ConstantTable says why).
        /// </summary>
        private static int[] Pins(int first, int second, int third, int fourth)
        {
            int[] pins = new int[4];
            pins[0] = first;
            pins[1] = second;
            pins[2] = third;
            pins[3] = fourth;
            return pins;
        }

        /// <summary>
        /// True for pins the keypad, panel and buzzer must never use: strapping pins (0, 2, 5, 12, 15), the SPI
        /// flash (6-11), PSRAM on WROVER (16, 17) and the USB serial port (1, 3).
        /// </summary>
        public static bool IsReservedGpio(int gpio)
        {
            switch (gpio)
            {
                case 0: case 2: case 5: case 12: case 15:
                case 6: case 7: case 8: case 9: case 10: case 11:
                case 16: case 17:
                case 1: case 3:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>GPIO 34-39 can only read: no output driver and no internal pull-up or pull-down.</summary>
        public static bool IsInputOnlyGpio(int gpio)
        {
            return gpio >= 34 && gpio <= 39;
        }

        /// <summary>GPIOs that exist on an ESP32 (0-39 minus 20, 24, 28-31).</summary>
        public static bool IsEsp32Gpio(int gpio)
        {
            if (gpio < 0 || gpio > 39) return false;
            return gpio != 20 && gpio != 24 && (gpio < 28 || gpio > 31);
        }

        /// <summary>
        /// Checks the whole map against the rules above: null when it is sound, else what is wrong. Run by the
        /// self-test and the tests, so a careless edit of a constant is caught before it reaches a device.
        /// </summary>
        public static string CheckRules()
        {
            int[] rows = KeypadRows();
            int[] columns = KeypadColumns();
            int[] all = new int[3 + rows.Length + columns.Length];
            all[0] = I2cDataGpio;
            all[1] = I2cClockGpio;
            all[2] = BuzzerGpio;
            Array.Copy(rows, 0, all, 3, rows.Length);
            Array.Copy(columns, 0, all, 3 + rows.Length, columns.Length);
            for (int i = 0; i < all.Length; i++)
            {
                if (!IsEsp32Gpio(all[i])) return "GPIO" + all[i].ToString() + " does not exist on an ESP32";
                if (IsReservedGpio(all[i])) return "GPIO" + all[i].ToString() + " is a strapping, flash, PSRAM or serial pin";
                for (int j = i + 1; j < all.Length; j++)
                {
                    if (all[i] == all[j]) return "GPIO" + all[i].ToString() + " is used twice";
                }
            }
            for (int c = 0; c < columns.Length; c++)
            {
                if (IsInputOnlyGpio(columns[c])) return "column GPIO" + columns[c].ToString() + " is input-only and cannot drive low";
            }
            // Rows rely on the internal pull-up; 34-39 would need external resistors, which the wiring does not fit.
            for (int r = 0; r < rows.Length; r++)
            {
                if (IsInputOnlyGpio(rows[r])) return "row GPIO" + rows[r].ToString() + " has no internal pull-up";
            }
            if (IsInputOnlyGpio(I2cDataGpio) || IsInputOnlyGpio(I2cClockGpio) || IsInputOnlyGpio(BuzzerGpio))
                return "I2C and buzzer pins must be output-capable";
            return null;
        }
    }
}
