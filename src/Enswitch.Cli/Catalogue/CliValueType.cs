namespace Enswitch.Cli.Catalogue;

/// <summary>What an option accepts, derived by the generator from the catalogue's wire type and the guide's wording.</summary>
internal enum CliValueType
{
    /// <summary>Any text, sent as given.</summary>
    Text,

    /// <summary>A whole number (<c>integer</c> in the catalogue).</summary>
    Integer,

    /// <summary>A decimal number, written with a dot.</summary>
    Decimal,

    /// <summary>A point in time the guide documents as Unix time: a date, a date and time, or Unix seconds.</summary>
    Time,

    /// <summary>A 0/1 flag the guide documents as "1 to ...": the option alone means 1.</summary>
    Flag,

    /// <summary>One of the values the guide lists in quotes.</summary>
    Choice,

    /// <summary>Base64 data: given as <c>@path</c> to send a file's bytes, or as base64 text.</summary>
    Base64,
}
