using Terminal.Drivers.Storage;
using Xunit;

namespace Terminal.Tests.Storage;

/// <summary>
/// The open-order slot as a file: replaced through a side file and a rename, so that a power cut between any two
/// file operations - or in the middle of writing a file - leaves the old text or the new one, and a text once
/// read is never followed by an older one.
/// </summary>
public class FileSlotTests
{
    private sealed class PowerCut : Exception;

    /// <summary>
    /// Files in memory, with nanoFramework's semantics (Move refuses an existing target). It can cut the power
    /// before its n-th changing operation; a write cut that way leaves the first half of its bytes.
    /// </summary>
    private sealed class MemoryFileStore : IFileStore
    {
        public readonly Dictionary<string, byte[]> Files = new();
        public int ChangesLeft = int.MaxValue;
        public int Changes;
        /// <summary>The next this many reads throw (a flash read error).</summary>
        public int FailingReads;

        private void Change()
        {
            Changes++;
            if (ChangesLeft-- <= 0) throw new PowerCut();
        }

        public bool Exists(string path) => Files.ContainsKey(path);

        public int Read(string path, byte[] buffer)
        {
            if (FailingReads > 0)
            {
                FailingReads--;
                throw new IOException("flash read error");
            }
            byte[] file = Files[path];
            Array.Copy(file, buffer, Math.Min(file.Length, buffer.Length));
            return file.Length;
        }

        public void Write(string path, byte[] data, int length)
        {
            if (ChangesLeft == 0) Files[path] = data.Take(length / 2).ToArray(); // torn: the power went mid-write
            Change();
            Files[path] = data.Take(length).ToArray();
        }

        public void Delete(string path)
        {
            Change();
            Files.Remove(path);
        }

        public void Move(string from, string to)
        {
            if (Files.ContainsKey(to)) throw new IOException("target exists");
            Change();
            Files[to] = Files[from];
            Files.Remove(from);
        }
    }

    private const string Path = "I:\\open-order.txt";
    private const string Old = "BRG-003-0102030405060708-000001";
    private const string New = "BRG-003-0102030405060708-000002";

    [Fact]
    public void Written_text_is_read_back_and_null_empties_the_slot()
    {
        var store = new MemoryFileStore();
        var slot = new FileSlot(store, Path);
        Assert.Null(slot.Read());
        Assert.True(slot.Write(Old));
        Assert.Equal(Old, new FileSlot(store, Path).Read());
        Assert.True(slot.Write(New));
        Assert.Equal(New, new FileSlot(store, Path).Read());
        Assert.True(slot.Write(null));
        Assert.Null(new FileSlot(store, Path).Read());
        Assert.Empty(store.Files);
    }

    [Fact]
    public void The_file_is_never_truncated_in_place_the_new_text_goes_to_a_side_file_first()
    {
        var store = new MemoryFileStore();
        var slot = new FileSlot(store, Path);
        slot.Write(Old);
        store.ChangesLeft = 0; // cut at the first change of the next write
        Assert.False(slot.Write(New));
        Assert.Equal(Old, System.Text.Encoding.ASCII.GetString(store.Files[Path]).TrimEnd('\n'));
    }

    public static TheoryData<string?> NextTexts => new() { New, null };

    [Theory]
    [MemberData(nameof(NextTexts))]
    public void A_power_cut_at_any_step_leaves_the_old_or_the_new_text_and_never_goes_back_once_read(string? next)
    {
        int steps = CountChanges(next);
        Assert.Equal(next == null ? 1 : 3, steps); // clear: delete; replace: write the side file, delete, rename
        for (int cutAt = 0; cutAt <= steps; cutAt++)
        {
            var store = new MemoryFileStore();
            new FileSlot(store, Path).Write(Old);
            store.ChangesLeft = cutAt;
            new FileSlot(store, Path).Write(next);
            store.ChangesLeft = int.MaxValue;

            string? afterRestart = new FileSlot(store, Path).Read();
            Assert.True(afterRestart == Old || afterRestart == next, "cut before change " + cutAt + ": read '" + afterRestart + "'");
            // Read again after one more restart: never older than what the first restart read.
            Assert.Equal(afterRestart, new FileSlot(store, Path).Read());
            // And the slot keeps working.
            var slot = new FileSlot(store, Path);
            Assert.True(slot.Write("BRG-003-0102030405060708-000003"));
            Assert.Equal("BRG-003-0102030405060708-000003", new FileSlot(store, Path).Read());
        }
    }

    [Fact]
    public void A_cut_while_finishing_an_interrupted_write_keeps_the_newer_text()
    {
        // The power goes after the side file is complete (New), then again while the next start finishes the move.
        for (int secondCut = 0; secondCut <= 2; secondCut++)
        {
            var store = new MemoryFileStore();
            new FileSlot(store, Path).Write(Old);
            store.ChangesLeft = 1; // the side file is written, the old file is not yet replaced
            new FileSlot(store, Path).Write(New);
            store.ChangesLeft = secondCut;
            new FileSlot(store, Path).Read();
            store.ChangesLeft = int.MaxValue;
            Assert.Equal(New, new FileSlot(store, Path).Read());
        }
    }

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("ordre-æøå")]
    public void Text_the_record_format_cannot_hold_is_refused_and_the_old_text_kept(string text)
    {
        var store = new MemoryFileStore();
        var slot = new FileSlot(store, Path);
        slot.Write(Old);
        Assert.False(slot.Write(text));
        Assert.False(slot.Write(new string('x', FileSlot.MaxTextChars + 1)));
        Assert.Equal(Old, slot.Read());
    }

    private static int CountChanges(string? next)
    {
        var store = new MemoryFileStore();
        new FileSlot(store, Path).Write(Old);
        store.Changes = 0;
        new FileSlot(store, Path).Write(next);
        return store.Changes;
    }

    [Fact]
    public void A_read_the_flash_refuses_is_retried_and_one_it_keeps_refusing_is_unreadable_never_empty()
    {
        var store = new MemoryFileStore();
        new FileSlot(store, Path).Write(Old);

        store.FailingReads = FileSlot.ReadAttempts - 1;
        Assert.Equal(Old, new FileSlot(store, Path).Read());

        store.FailingReads = FileSlot.ReadAttempts;
        Assert.Equal(NonVolatileSlot.Unreadable, new FileSlot(store, Path).Read());
        Assert.Equal(Old, new FileSlot(store, Path).Read()); // nothing was lost: the flash answers again
    }

    [Theory]
    [InlineData("no end of record")]
    [InlineData("too long")]
    public void A_slot_file_without_one_whole_record_reads_as_unreadable_not_as_empty(string what)
    {
        var store = new MemoryFileStore();
        store.Files[Path] = what == "too long"
            ? System.Text.Encoding.ASCII.GetBytes(new string('x', FileSlot.MaxTextChars + 10) + "\n")
            : System.Text.Encoding.ASCII.GetBytes(Old);
        Assert.Equal(NonVolatileSlot.Unreadable, new FileSlot(store, Path).Read());
        Assert.Null(new FileSlot(new MemoryFileStore(), Path).Read()); // no file at all: empty
    }
}
