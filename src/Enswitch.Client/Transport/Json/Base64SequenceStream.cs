using System.Buffers;
using System.Buffers.Text;

namespace Enswitch.Client.Transport;

/// <summary>
/// A read-only stream that decodes base64 from a held body as the caller reads, so the audio of a wrapped
/// recording is never stored a second time. The text is a JSON string, so any character may arrive
/// escaped (<c>\/</c>, <c>\u002B</c>, <c>\n</c> from an encoder that breaks lines every 76 characters);
/// escapes are undone and line breaks skipped on the way.
/// </summary>
internal sealed class Base64SequenceStream : ReadOnlyStream
{
    private const int ChunkChars = 16 * 1024;

    private readonly byte[] _input = new byte[ChunkChars + 4];
    private readonly byte[] _output = new byte[(ChunkChars / 4 * 3) + 3];
    private readonly string _function;
    private ReadOnlySequence<byte> _remaining;
    private int _carried;
    private int _outputStart;
    private int _outputEnd;
    private bool _disposed;

    public Base64SequenceStream(ReadOnlySequence<byte> base64, string function)
    {
        _remaining = base64;
        _function = function;
    }

    public override bool CanRead => !_disposed;

    public override int Read(Span<byte> buffer)
    {
        // After dispose the body's buffers belong to the pool again: reading them would hand out another
        // response's bytes.
        ObjectDisposedException.ThrowIf(_disposed, this);
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
        return Advance(count);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancellationToken) : new(Read(buffer.Span));

    // The JSON reader has validated the string, so an escape is complete; only ASCII can be base64.
    private int ReadEscape(ref SequenceReader<byte> reader)
    {
        if (!reader.TryRead(out var escape))
        {
            throw Invalid();
        }

        switch (escape)
        {
            case (byte)'/':
                return '/';
            case (byte)'n':
                return '\n';
            case (byte)'r':
                return '\r';
            case (byte)'t':
                return '\t';
            case (byte)'u':
                Span<byte> hex = stackalloc byte[4];
                if (!reader.TryCopyTo(hex) || !Utf8Parser.TryParse(hex, out ushort code, out var used, 'x') || used != 4 || code > 0x7F)
                {
                    throw Invalid();
                }

                reader.Advance(4);
                return code;
            default:
                throw Invalid();
        }
    }

    private EnswitchProtocolException Invalid() => new($"The recording returned by '{_function}' is not valid base64.");

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        _remaining = default;
        _carried = 0;
        _outputStart = _outputEnd = 0;
        base.Dispose(disposing);
    }

    private void Refill()
    {
        var length = _carried;
        var reader = new SequenceReader<byte>(_remaining);
        while (length < ChunkChars && reader.TryRead(out var b))
        {
            var c = b == (byte)'\\' ? ReadEscape(ref reader) : b;
            if (c is not ('\r' or '\n' or '\t' or ' '))
            {
                _input[length++] = (byte)c;
            }
        }

        _remaining = _remaining.Slice(reader.Position);
        var final = _remaining.IsEmpty;
        var status = Base64.DecodeFromUtf8(_input.AsSpan(0, length), _output, out var consumed, out var written, isFinalBlock: final);
        if (status == OperationStatus.InvalidData || (final && consumed != length))
        {
            throw Invalid();
        }

        _carried = length - consumed;
        _input.AsSpan(consumed, _carried).CopyTo(_input);
        _outputStart = 0;
        _outputEnd = written;
    }
}
