namespace Enswitch.Client.Testing.Internal;

/// <summary>Whether a catalogued function takes credentials (the catalogue's <c>authentication</c>).</summary>
internal enum CatalogueAuthentication
{
    /// <summary>Every call must authenticate.</summary>
    Required,

    /// <summary>The guide runs it without authentication: the emulator serves it with or without credentials.</summary>
    None,

    /// <summary>Credentials are optional: a call without any is served; one with wrong ones answers 401.</summary>
    Optional,

    /// <summary>
    /// Credentials are needed unless a parameter says otherwise; the condition is prose, so the emulator
    /// requires them as for <see cref="Required"/>.
    /// </summary>
    Conditional,
}
