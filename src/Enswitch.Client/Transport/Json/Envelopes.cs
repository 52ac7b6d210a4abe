namespace Enswitch.Client.Transport;

/// <summary>The success checks shared by functions that return no data.</summary>
internal static class Envelopes
{
    /// <summary>The reader of a write that returns no data; see <see cref="Completed"/>.</summary>
    public static readonly ResponseReader<bool> CompletedReader = ResponseReader<bool>.Envelope(Completed);

    /// <summary>The reader of a validation-only call; see <see cref="Validated"/>.</summary>
    public static readonly ResponseReader<bool> ValidatedReader = ResponseReader<bool>.Envelope(Validated);

    /// <summary>Accepts the documented 204 (or 200) of a write that returns no data.</summary>
    public static bool Completed(EnswitchEnvelope envelope) =>
        envelope.Code is 200 or 204
            ? true
            : throw new EnvelopeFormatException($"the server answered code {envelope.Code} where 204 was expected");

    /// <summary>
    /// Accepts only 201, the answer to <c>validation=1</c>. A server that ignores validation answers 200 or 204
    /// and has applied the change: that must not pass for a successful dry run.
    /// </summary>
    public static bool Validated(EnswitchEnvelope envelope) =>
        envelope.Code == 201
            ? true
            : throw new EnvelopeFormatException($"the server answered code {envelope.Code} instead of 201 to a validation-only call; it may not support validation=1 and may have applied the change")
            {
                MayHaveApplied = true,
            };
}
