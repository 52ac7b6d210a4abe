using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Enswitch.Cli.Catalogue;

namespace Enswitch.Cli.Output;

/// <summary>
/// Prints an answer's <c>data</c> on stdout in the chosen format, and notices and progress on stderr. A new id or a
/// count is printed alone (except as JSON), so that <c>id=$(enswitch ... create ...)</c> works in a script.
/// </summary>
internal sealed class AnswerPrinter(CliConsole console, OutputFormat format, bool quiet)
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Prints the data of a call whose catalogue shape is <paramref name="shape"/>.</summary>
    public void Print(CliShape shape, JsonElement? data)
    {
        if (data is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            Notice("Done.");
            return;
        }

        if (format == OutputFormat.Json)
        {
            WriteJson(value);
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object when shape == CliShape.Id && value.TryGetProperty("id", out var id):
                console.Output.WriteLine(Cell(id));
                break;
            case JsonValueKind.Object when shape == CliShape.Count && value.TryGetProperty("count", out var count):
                console.Output.WriteLine(Cell(count));
                break;
            case JsonValueKind.Object when format == OutputFormat.Csv:
                WriteRows([value]);
                break;
            case JsonValueKind.Object:
                WriteTable(["field", "value"], [.. value.EnumerateObject().Select(p => new[] { p.Name, Cell(p.Value) })]);
                break;
            case JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object):
                WriteRows([.. value.EnumerateArray()]);
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    console.Output.WriteLine(Cell(item));
                }

                break;
            default:
                console.Output.WriteLine(Cell(value));
                break;
        }
    }

    /// <summary>Prints every row of a paged list as it arrives, with progress on stderr, then the rows in the chosen format.</summary>
    public async Task PrintRowsAsync(IAsyncEnumerable<JsonElement> rows, CancellationToken cancellationToken)
    {
        var all = new List<JsonElement>();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            all.Add(row);
            if (all.Count % 100 == 0)
            {
                Progress($"{all.Count.ToString("N0", CultureInfo.InvariantCulture)} rows fetched");
            }
        }

        Progress($"{all.Count.ToString("N0", CultureInfo.InvariantCulture)} rows fetched", done: true);
        if (format == OutputFormat.Json)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, Indented))
            {
                writer.WriteStartArray();
                foreach (var row in all)
                {
                    row.WriteTo(writer);
                }

                writer.WriteEndArray();
            }

            console.Output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
            return;
        }

        WriteRows(all);
    }

    /// <summary>Writes a notice on stderr, unless <c>--quiet</c>.</summary>
    public void Notice(string text)
    {
        if (!quiet)
        {
            console.Error.WriteLine(text);
        }
    }

    /// <summary>
    /// Shows progress on stderr, unless <c>--quiet</c>: on a terminal one line rewritten in place, elsewhere a line each
    /// time (so a log keeps them).
    /// </summary>
    public void Progress(string text, bool done = false)
    {
        if (quiet)
        {
            return;
        }

        if (console.ErrorIsTerminal)
        {
            console.Error.Write("\r" + text + (done ? "\n" : string.Empty));
        }
        else
        {
            console.Error.WriteLine(text);
        }
    }

    private void WriteJson(JsonElement value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Indented))
        {
            value.WriteTo(writer);
        }

        console.Output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private void WriteRows(IReadOnlyList<JsonElement> rows)
    {
        // The columns are every field of every row, in the order they first appear.
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var property in row.EnumerateObject().Where(p => seen.Add(p.Name)))
            {
                columns.Add(property.Name);
            }
        }

        var cells = rows.Select(row => columns.Select(c => row.TryGetProperty(c, out var v) ? Cell(v) : string.Empty).ToArray()).ToList();
        if (format == OutputFormat.Csv)
        {
            console.Output.WriteLine(string.Join(',', columns.Select(Csv)));
            foreach (var row in cells)
            {
                console.Output.WriteLine(string.Join(',', row.Select(Csv)));
            }

            return;
        }

        WriteTable(columns, cells);
    }

    private void WriteTable(List<string> header, List<string[]> rows)
    {
        if (header.Count == 0)
        {
            Notice("No rows.");
            return;
        }

        var flat = rows.Select(r => r.Select(OneLine).ToArray()).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, flat.Count == 0 ? 0 : flat.Max(r => r[i].Length))).ToArray();
        console.Output.WriteLine(Line(header, widths));
        console.Output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in flat)
        {
            console.Output.WriteLine(Line(row, widths));
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        _ => value.GetRawText(),
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Csv(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
