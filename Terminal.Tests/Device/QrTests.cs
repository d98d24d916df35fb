using nanoFramework.TestFramework;
using Terminal.Qr;

namespace Terminal.Tests.Device
{
    /// <summary>
    /// The QR encoder's known answers on the interpreter: ISO/IEC 18004 Annex I, the HELLO WORLD error correction
    /// codewords, and a payment URL's whole module matrix (the checksum the host tests reproduce with ZXing).
    /// </summary>
    [TestClass]
    public class QrTests
    {
        private const string PaymentUrl46 = "https://qr.alipay.com/bax03431ljhokirwl38f00a7";

        [TestMethod]
        public void Annex_I_numeric_example_gives_the_standard_codewords()
        {
            QrEncoder encoder = new QrEncoder(10);
            QrCode code = new QrCode(10);
            Assert.AreEqual(QrStatus.Ok, encoder.EncodeText("01234567", QrEcc.M, false, 1, 1, -1, code));
            byte[] codewords = new byte[64];
            int count = encoder.CopyCodewords(codewords, 0);
            Assert.AreEqual("10200c566180ec11ec11ec11ec11ec11a524d4c1ed36c7872c55", Known.Hex(codewords, 0, count));
        }

        [TestMethod]
        public void Hello_world_has_the_textbook_error_correction_codewords()
        {
            QrEncoder encoder = new QrEncoder(10);
            QrCode code = new QrCode(10);
            Assert.AreEqual(QrStatus.Ok, encoder.EncodeText("HELLO WORLD", QrEcc.M, false, 1, 1, -1, code));
            byte[] codewords = new byte[64];
            int count = encoder.CopyCodewords(codewords, 0);
            Assert.AreEqual("c4232777ebd7e7e25d17", Known.Hex(codewords, 16, count - 16));
        }

        [TestMethod]
        public void A_payment_url_fits_the_panel_box_as_version_3_L_at_2_px_with_the_reference_modules()
        {
            QrEncoder encoder = new QrEncoder(10);
            QrCode code = new QrCode(10);
            Assert.AreEqual(QrStatus.Ok, encoder.EncodeToFit(PaymentUrl46, 64, 1, code));
            Assert.AreEqual(3, code.Version);
            Assert.AreEqual(2, code.Scale);
            Assert.AreEqual(QrEcc.L, code.Ecc);
            byte[] modules = new byte[code.Size * code.Size];
            for (int y = 0; y < code.Size; y++)
                for (int x = 0; x < code.Size; x++)
                    modules[y * code.Size + x] = code.GetModule(x, y) ? (byte)1 : (byte)0;
            Assert.AreEqual(0x9338D0AAu, Known.Fnv1a(modules, 0, modules.Length));
        }

        [TestMethod]
        public void Data_longer_than_the_largest_version_is_refused_not_truncated()
        {
            QrEncoder encoder = new QrEncoder(10);
            QrCode code = new QrCode(10);
            byte[] data = new byte[QrSpec.Capacity(QrMode.Byte, 10, QrEcc.L) + 1];
            for (int i = 0; i < data.Length; i++) data[i] = (byte)'x';
            Assert.AreEqual(QrStatus.DataTooLong, encoder.EncodeBytes(data, 0, data.Length, QrEcc.L, false, 1, 10, -1, code));
            Assert.IsFalse(code.IsValid);
        }
    }
}
