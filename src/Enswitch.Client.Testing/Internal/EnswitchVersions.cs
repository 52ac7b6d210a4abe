namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// The Enswitch versions that added a function, a parameter or a value (enswitch-api.md section 5), in
/// one place so that every function gates on the same numbers.
/// </summary>
internal static class EnswitchVersions
{
    /// <summary>The first version with the JSON API: every function and parameter not listed below.</summary>
    public static readonly Version JsonApi = new(3, 13);

    /// <summary><c>fraction=0</c> (record on demand only) on record groups.</summary>
    public static readonly Version FractionZero = new(3, 14);

    /// <summary><c>beep</c> on record groups.</summary>
    public static readonly Version Beep = new(3, 15);

    /// <summary><c>wrap</c> on <c>recording/recordings/get</c>.</summary>
    public static readonly Version Wrap = new(3, 15);

    /// <summary><c>recording/recordings/start</c>.</summary>
    public static readonly Version RecordingStart = new(4, 1);

    /// <summary>Authentication tokens: <c>token</c> on <c>user/login</c> and <c>auth_token</c> on every function.</summary>
    public static readonly Version Tokens = new(4, 1);

    /// <summary><c>transcribe</c> on record groups.</summary>
    public static readonly Version Transcribe = new(4, 2);

    /// <summary>
    /// The first guide that no longer lists <c>message</c> on record groups (listed in 4.1 and 4.2, absent from
    /// 4.4 with no change-history entry; enswitch-api.md quirk 7). An emulated 4.4 ignores it and flags it.
    /// </summary>
    public static readonly Version MessageUnlisted = new(4, 4);
}
