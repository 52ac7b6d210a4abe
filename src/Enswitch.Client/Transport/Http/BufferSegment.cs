using System.Buffers;

namespace Enswitch.Client.Transport;

/// <summary>Links buffers into a <see cref="ReadOnlySequence{T}"/> without copying them.</summary>
internal sealed class BufferSegment : ReadOnlySequenceSegment<byte>
{
    private BufferSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>Builds a sequence of every full segment and the first <paramref name="lastLength"/> bytes of the last.</summary>
    public static ReadOnlySequence<byte> Create(IReadOnlyList<byte[]> segments, int lastLength)
    {
        if (segments.Count == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        if (segments.Count == 1)
        {
            return new ReadOnlySequence<byte>(segments[0], 0, lastLength);
        }

        var first = new BufferSegment(segments[0], 0);
        var last = first;
        for (var i = 1; i < segments.Count; i++)
        {
            var memory = i == segments.Count - 1 ? segments[i].AsMemory(0, lastLength) : segments[i];
            var next = new BufferSegment(memory, last.RunningIndex + last.Memory.Length);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
