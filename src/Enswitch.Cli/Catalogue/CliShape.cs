namespace Enswitch.Cli.Catalogue;

/// <summary>What a function's success carries, as the catalogue documents it; it decides how the answer is printed.</summary>
internal enum CliShape
{
    /// <summary>Nothing: the command prints nothing on stdout.</summary>
    None,

    /// <summary>The new object's id (<c>{"id":N}</c>), printed alone.</summary>
    Id,

    /// <summary>A count (<c>{"count":N}</c>), printed alone.</summary>
    Count,

    /// <summary>One object, printed as field and value rows.</summary>
    Object,

    /// <summary>An array of objects, printed one row each.</summary>
    Array,

    /// <summary>An array of text values, printed one per line.</summary>
    Strings,
}
