using System.Device.Gpio;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Timing;
using Terminal.Simulator.VirtualHardware;
using Xunit;

namespace Terminal.Tests.Keypad;

/// <summary>The virtual membrane behaves as the wires do: pull-ups, driven columns, no diodes.</summary>
public class VirtualKeypadMatrixTests
{
    [Fact]
    public void A_row_reads_low_only_when_a_closed_key_joins_it_to_the_column_driven_low()
    {
        using var rig = new KeypadRig();
        rig.Matrix.Press('6'); // row 2, column 3
        Assert.Equal(0, ReadRowsWithColumnDriven(rig, 0));
        Assert.Equal(0b0010, ReadRowsWithColumnDriven(rig, 2));
        Assert.Equal(0, ReadRowsWithNoColumnDriven(rig));
    }

    [Fact]
    public void Three_keys_on_a_rectangle_make_the_fourth_corner_read_closed()
    {
        using var rig = new KeypadRig();
        rig.Matrix.Press('1');
        rig.Matrix.Press('2');
        rig.Matrix.Press('4');
        // Driving column 2 (keys 2, 5, 8, 0): row 1 through key 2, and row 2 through 2-1-4 although 5 is up.
        Assert.Equal(0b0011, ReadRowsWithColumnDriven(rig, 1));
    }

    [Fact]
    public void A_bouncing_contact_settles_to_its_final_state_after_the_bounce_time()
    {
        var clock = new FakeClock(0);
        var matrix = new VirtualKeypadMatrix(KeypadRig.RowPins, KeypadRig.ColumnPins, clock, bounceMs: 6, bounceSeed: 7);
        using var controller = new GpioController(matrix);
        controller.OpenPin(KeypadRig.RowPins[0], PinMode.InputPullUp);
        controller.OpenPin(KeypadRig.ColumnPins[0], PinMode.Output);
        controller.Write(KeypadRig.ColumnPins[0], PinValue.Low);
        matrix.Press('1');
        var readings = new List<bool>();
        for (int ms = 0; ms < 6; ms++, clock.Advance(1))
            readings.Add(controller.Read(KeypadRig.RowPins[0]) == PinValue.Low);
        Assert.Contains(true, readings);
        Assert.Contains(false, readings);
        for (int ms = 0; ms < 50; ms++, clock.Advance(1))
            Assert.Equal(PinValue.Low, controller.Read(KeypadRig.RowPins[0]));
    }

    [Fact]
    public void Two_outputs_joined_at_different_levels_are_seen_as_a_short()
    {
        var clock = new FakeClock(0);
        var matrix = new VirtualKeypadMatrix(KeypadRig.RowPins, KeypadRig.ColumnPins, clock);
        using var controller = new GpioController(matrix);
        controller.OpenPin(KeypadRig.RowPins[0], PinMode.InputPullUp);
        controller.OpenPin(KeypadRig.ColumnPins[0], PinMode.Output);
        controller.OpenPin(KeypadRig.ColumnPins[1], PinMode.Output);
        controller.Write(KeypadRig.ColumnPins[0], PinValue.Low);
        controller.Write(KeypadRig.ColumnPins[1], PinValue.High);
        matrix.Press('1');
        matrix.Press('2'); // row 1 joins column 1 (low) and column 2 (high)
        controller.Read(KeypadRig.RowPins[0]);
        Assert.True(matrix.ShortCircuitSeen);
        Assert.Equal(2, matrix.MostColumnsDrivenAtOnce);
    }

    [Fact]
    public void Bad_keycaps_and_wiring_are_refused_with_a_clear_error()
    {
        var clock = new FakeClock(0);
        var matrix = new VirtualKeypadMatrix(KeypadRig.RowPins, KeypadRig.ColumnPins, clock);
        var e = Assert.Throws<ArgumentException>(() => matrix.Press('E'));
        Assert.Contains("'E'", e.Message);
        Assert.Throws<ArgumentException>(() => new VirtualKeypadMatrix(new[] { 1, 2, 3 }, KeypadRig.ColumnPins, clock));
        Assert.Throws<ArgumentException>(() => new VirtualKeypadMatrix(new[] { 1, 2, 3, 4 }, new[] { 4, 5, 6, 7 }, clock));
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.BounceMs = -1);
        using var controller = new GpioController(matrix);
        Assert.ThrowsAny<Exception>(() => controller.OpenPin(5, PinMode.Input));
    }

    private static int ReadRowsWithColumnDriven(KeypadRig rig, int column)
    {
        rig.Lines.DriveColumn(column);
        int rows = rig.Lines.ReadRows();
        rig.Lines.ReleaseColumns();
        return rows;
    }

    private static int ReadRowsWithNoColumnDriven(KeypadRig rig)
    {
        rig.Lines.ReleaseColumns();
        return rig.Lines.ReadRows();
    }
}
