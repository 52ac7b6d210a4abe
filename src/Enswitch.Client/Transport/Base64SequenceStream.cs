using System.Buffers;
using System.Buffers.Text;

namespace Enswitch.Client.Transport;

/// <summary>
/// A read-only stream that decodes base64 from a held body as the caller reads, so the audio of a wrapped
/// recording is never stored a second time. JSON's <c>\/</c> escape is undone on the way.
/// </summary>
internal sealed class Base64SequenceStream : Stream
{
    private const int ChunkChars = 16 * 1024;

    private readonly byte[] _input = new byte[ChunkChars + 4];
    private readonly byte[] _output = new byte[(ChunkChars / 4 * 3) + 3];
    private readonly string _function;
    private ReadOnlySequence<byte> _remaining;
    private int _carried;
    private int _outputStart;
    private int _outputEnd;
    private long _position;

    public Base64SequenceStream(ReadOnlySequence<byte> base64, string function)
    {
        _remaining = base64;
        _function = function;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_outputStart == _outputEnd)
        {
            if (_remaining.IsEmpty && _carried == 0)
            {
                return 0;
            }

            Refill();
        }

        var count = Math.Min(buffer.Length, _outputEnd - _outputStart);
        _output.AsSpan(_outputStart, count).CopyTo(buffer);
        _outputStart += count;
        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancellationToken) : new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Refill()
    {
        var length = _carried;
        var reader = new SequenceReader<byte>(_remaining);
        while (length < ChunkChars && reader.TryRead(out var b))
        {
            // The only escape base64 can carry in JSON is "\/"; line breaks some encoders add are skipped too.
            if (b is not ((byte)'\\' or (byte)'\r' or (byte)'\n'))
            {
                _input[length++] = b;
            }
        }

        _remaining = _remaining.Slice(reader.Position);
        var final = _remaining.IsEmpty;
        var status = Base64.DecodeFromUtf8(_input.AsSpan(0, length), _output, out var consumed, out var written, isFinalBlock: final);
        if (status == OperationStatus.InvalidData || (final && consumed != length))
        {
            throw new EnswitchProtocolException($"The recording returned by '{_function}' is not valid base64.");
        }

        _carried = length - consumed;
        _input.AsSpan(consumed, _carried).CopyTo(_input);
        _outputStart = 0;
        _outputEnd = written;
    }
}
