using ContactCenter.Host.Calls.Spool;

namespace ContactCenter.Host.Tests;

public sealed class SpoolTailTests
{
    [Fact]
    public void TryGet_ARecordUntilItsBytesAreReused_ThenNot()
    {
        var tail = Filled(16, 16, 16, 16); // the ring is exactly full: record 1 is still whole

        Assert.True(tail.TryGet(1, out var first, out _, out _));
        Assert.All(first.ToArray(), b => Assert.Equal(1, b));

        Put(tail, 5, 1, 5); // one byte of record 1 reused

        Assert.False(tail.TryGet(1, out _, out _, out _));
        Assert.True(tail.TryGet(2, out var second, out _, out _));
        Assert.All(second.ToArray(), b => Assert.Equal(2, b));
    }

    [Fact]
    public void Reserve_ARecordThatDoesNotFitBeforeTheRingsEnd_StartsAgainAtItsBeginning_AndTheRecordsItSkippedPastStay()
    {
        var tail = Filled(16, 16, 16, 15); // one byte left at the end

        Put(tail, 5, 16, 5); // does not fit in one byte: starts at the beginning, over record 1

        Assert.False(tail.TryGet(1, out _, out _, out _));
        Assert.True(tail.TryGet(5, out var fifth, out _, out _));
        Assert.Equal(Enumerable.Repeat((byte)5, 16), fifth.ToArray());
        Assert.True(tail.TryGet(4, out var fourth, out _, out _));
        Assert.Equal(Enumerable.Repeat((byte)4, 15), fourth.ToArray());
    }

    [Fact]
    public void TryGet_WhereTheRecordLiesInTheFiles_AndNothingForRecordsNeverKept()
    {
        var tail = new SpoolTail(64);
        Put(tail, 7, 16, 7, segment: 3, offset: 480);

        Assert.True(tail.TryGet(7, out _, out var segment, out var offset));
        Assert.Equal((3L, 480L), (segment, offset));
        Assert.False(tail.TryGet(8, out _, out _, out _));
        Assert.True(tail.Reserve(17, out _).IsEmpty); // over a quarter of the ring: only the files keep it
        Assert.False(new SpoolTail(0).TryGet(1, out _, out _, out _));
    }

    // A 64-byte ring holding records 1, 2, ... of these lengths, each filled with its own number.
    private static SpoolTail Filled(params int[] lengths)
    {
        var tail = new SpoolTail(64);
        for (var i = 0; i < lengths.Length; i++)
        {
            Put(tail, i + 1, lengths[i], (byte)(i + 1));
        }

        return tail;
    }

    private static void Put(SpoolTail tail, long sequence, int length, byte fill, long segment = 1, long offset = 0)
    {
        var room = tail.Reserve(length, out var position);
        Assert.Equal(length, room.Length);
        room.Fill(fill);
        tail.Add(sequence, position, length, segment, offset);
    }
}
