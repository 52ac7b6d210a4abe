#if !NET
namespace System.Buffers;

/// <summary>
/// The part of .NET's <c>SequenceReader&lt;T&gt;</c> that the SDK uses, for netstandard2.0, where no package
/// provides it (the Polyfill package has none): read one item, copy ahead without advancing, advance, and the
/// position reached.
/// </summary>
internal ref struct SequenceReader<T>
    where T : unmanaged, IEquatable<T>
{
    private readonly ReadOnlySequence<T> _sequence;
    private SequencePosition _next;
    private SequencePosition _currentStart;
    private ReadOnlyMemory<T> _current;
    private int _index;

    public SequenceReader(ReadOnlySequence<T> sequence)
    {
        _sequence = sequence;
        _next = sequence.Start;
        _currentStart = sequence.Start;
        _current = default;
        _index = 0;
        MoveToNonEmptySegment();
    }

    /// <summary>Gets the position of the next unread item.</summary>
    public readonly SequencePosition Position => _sequence.GetPosition(_index, _currentStart);

    public bool TryRead(out T value)
    {
        if (_index >= _current.Length)
        {
            value = default;
            return false;
        }

        value = _current.Span[_index];
        Advance(1);
        return true;
    }

    /// <summary>Copies the next <c>destination.Length</c> items without advancing, or returns false if fewer remain.</summary>
    public readonly bool TryCopyTo(Span<T> destination)
    {
        var rest = _sequence.Slice(Position);
        if (rest.Length < destination.Length)
        {
            return false;
        }

        rest.Slice(0, destination.Length).CopyTo(destination);
        return true;
    }

    public void Advance(long count)
    {
        while (count > 0)
        {
            var available = _current.Length - _index;
            if (available == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            var step = (int)Math.Min(count, available);
            _index += step;
            count -= step;
            if (_index == _current.Length)
            {
                MoveToNonEmptySegment();
            }
        }
    }

    // Keeps the reader on a segment with unread items, so that Position never points past a segment's end
    // while more data follows.
    private void MoveToNonEmptySegment()
    {
        while (_index >= _current.Length)
        {
            var start = _next;
            if (!_sequence.TryGet(ref _next, out var memory))
            {
                return;
            }

            if (!memory.IsEmpty)
            {
                _currentStart = start;
                _current = memory;
                _index = 0;
            }
        }
    }
}
#endif
