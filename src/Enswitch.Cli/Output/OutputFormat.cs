namespace Enswitch.Cli.Output;

/// <summary>How a result is printed on stdout.</summary>
internal enum OutputFormat
{
    /// <summary>Aligned columns for a terminal; a new id or a count alone.</summary>
    Table,

    /// <summary>The answer's <c>data</c> as JSON, indented.</summary>
    Json,

    /// <summary>A header row and one row per object (RFC 4180 quoting).</summary>
    Csv,
}
