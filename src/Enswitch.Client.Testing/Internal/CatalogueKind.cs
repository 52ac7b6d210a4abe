namespace Enswitch.Client.Testing.Internal;

/// <summary>What repeating a catalogued function would do (the catalogue's <c>kind</c>).</summary>
internal enum CatalogueKind
{
    /// <summary>Reads only.</summary>
    Read,

    /// <summary>Writes, and a repeat leaves the same state.</summary>
    IdempotentWrite,

    /// <summary>Writes, and a repeat does the work again.</summary>
    NonIdempotent,
}
