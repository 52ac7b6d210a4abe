namespace Enswitch.Client.Testing.Internal;

/// <summary>What a catalogued function answers on success (the catalogue's <c>shape</c>).</summary>
internal enum CatalogueShape
{
    /// <summary>Code 204 without <c>data</c>.</summary>
    None,

    /// <summary><c>{"id":N}</c>, the id of what was created.</summary>
    Id,

    /// <summary><c>{"count":N}</c>.</summary>
    Count,

    /// <summary>One object.</summary>
    Object,

    /// <summary>An array of rows.</summary>
    Array,

    /// <summary>An array of text values, such as the numbers <c>numbers/available/list</c> offers.</summary>
    Strings,
}
