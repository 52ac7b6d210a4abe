namespace Enswitch.Client.Testing;

/// <summary>
/// A request to start recording a live call that the emulator accepted (<c>recording/recordings/start</c>
/// answered 204). Enswitch starts recording asynchronously, so this is the request, not a recording.
/// </summary>
/// <param name="UniqueId">The live call's unique id (<c>uniqueid</c>).</param>
/// <param name="Channel">The side recorded (<c>channel</c>): 1 the calling side, 2 the called side.</param>
/// <param name="Username">The user who asked for it.</param>
public sealed record EmulatedRecordingStart(string UniqueId, int Channel, string Username);
