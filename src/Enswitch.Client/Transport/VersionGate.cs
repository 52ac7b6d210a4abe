namespace Enswitch.Client.Transport;

/// <summary>
/// The Enswitch versions that added functions and parameters (enswitch-api.md section 5), and the check
/// that refuses them before sending when <see cref="EnswitchClientOptions.ServerVersion"/> is older.
/// </summary>
internal static class VersionGate
{
    public static readonly Version FractionZero = new(3, 14);
    public static readonly Version Beep = new(3, 15);
    public static readonly Version Wrap = new(3, 15);
    public static readonly Version RecordingsStart = new(4, 1);
    public static readonly Version Tokens = new(4, 1);
    public static readonly Version Transcribe = new(4, 2);

    /// <summary>Throws when <paramref name="used"/> is true and the server is older than <paramref name="since"/>.</summary>
    public static void Require(Version? server, bool used, string feature, Version since)
    {
        if (used && server is not null && server < since)
        {
            throw new EnswitchFeatureNotSupportedException(feature, since, server);
        }
    }
}
