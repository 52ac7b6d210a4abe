using Enswitch.Client.Transport;

namespace Enswitch.Client.Recording;

/// <summary>
/// The three values that name one recording in every <c>recording/recordings/*</c> function that acts on
/// one: checked once and sent in the guide's order.
/// </summary>
internal static class RecordingReference
{
    /// <summary>Checks and adds <c>recordgroup</c>, <c>uniqueid</c> and <c>recordid</c>.</summary>
    public static EnswitchParameters Add(EnswitchParameters parameters, long recordGroupId, string uniqueId, string recordId)
    {
        if (recordGroupId < 1)
        {
            throw new ArgumentOutOfRangeException("RecordGroupId", recordGroupId, "A record group id is 1 or more.");
        }

        // Unique and record ids are strings such as "1234567890.123456": never numbers (quirk 13).
        RequireText(uniqueId, "UniqueId");
        RequireText(recordId, "RecordId");
        return parameters.Add("recordgroup", recordGroupId).Add("uniqueid", uniqueId).Add("recordid", recordId);
    }

    /// <summary>Throws when a required identifier is empty, blank or not sendable unchanged.</summary>
    public static void RequireText(string? value, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The identifier must not be empty or blank.", parameterName);
        }

        WireText.EnsureWellFormed(value, parameterName);
    }
}
