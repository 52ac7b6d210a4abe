using System.Buffers;

namespace Enswitch.Client.Transport;

/// <summary>
/// A parsed response envelope: every <c>responses</c> entry, and the raw bytes of <c>data</c> when it
/// was present, for the function's own reader to interpret.
/// </summary>
internal sealed class EnswitchEnvelope
{
    public EnswitchEnvelope(IReadOnlyList<EnswitchResponseEntry> responses, ReadOnlySequence<byte>? data)
    {
        Responses = responses;
        Data = data;
    }

    /// <summary>Gets every entry of <c>responses</c>, in order; never empty.</summary>
    public IReadOnlyList<EnswitchResponseEntry> Responses { get; }

    /// <summary>Gets the JSON of <c>data</c>, or <see langword="null"/> when the key was absent.</summary>
    public ReadOnlySequence<byte>? Data { get; }

    /// <summary>Gets the code of the first entry, which is the call's code when all entries succeed.</summary>
    public int Code => Responses[0].Code;

    /// <summary>Returns the first entry whose code is not a success (2xx), or <see langword="null"/>.</summary>
    public EnswitchResponseEntry? FirstFailure()
    {
        foreach (var entry in Responses)
        {
            if (entry.Code is < 200 or > 299)
            {
                return entry;
            }
        }

        return null;
    }
}
