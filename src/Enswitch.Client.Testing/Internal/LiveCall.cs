namespace Enswitch.Client.Testing.Internal;

/// <summary>A call in progress that <c>recording/recordings/start</c> can record.</summary>
/// <param name="UniqueId">The call's unique id.</param>
/// <param name="OwnerUsername">The user who owns a telephone line on the call, or <see langword="null"/> when none does.</param>
internal sealed record LiveCall(string UniqueId, string? OwnerUsername);
