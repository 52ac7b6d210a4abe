using System.Globalization;

namespace Enswitch.Client.Benchmarks;

/// <summary>One row of a BenchmarkDotNet CSV report: the contender, its median time and its allocations.</summary>
internal sealed record ReportRow(string Method, double MedianNanoseconds, double AllocatedBytes)
{
    /// <summary>Reads the rows of a report, whatever units BenchmarkDotNet chose for the columns.</summary>
    public static IReadOnlyList<ReportRow> Read(string csvPath)
    {
        var lines = File.ReadAllLines(csvPath);
        var header = SplitCsv(lines[0]);
        var method = IndexOf(header, "Method");
        var median = IndexOf(header, "Median");
        var allocated = IndexOf(header, "Allocated");
        var rows = new List<ReportRow>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = SplitCsv(line);
            rows.Add(new ReportRow(
                cells[method],
                Quantity(cells[median], header[median], TimeUnits),
                Quantity(cells[allocated], header[allocated], SizeUnits)));
        }

        return rows;
    }

    private static readonly Dictionary<string, double> TimeUnits = new(StringComparer.Ordinal)
    {
        ["ns"] = 1, ["us"] = 1e3, ["μs"] = 1e3, ["µs"] = 1e3, ["ms"] = 1e6, ["s"] = 1e9,
    };

    private static readonly Dictionary<string, double> SizeUnits = new(StringComparer.Ordinal)
    {
        ["B"] = 1, ["KB"] = 1024, ["MB"] = 1024 * 1024, ["GB"] = 1024 * 1024 * 1024,
    };

    private static int IndexOf(List<string> header, string column) =>
        header.FindIndex(h => h == column || h.StartsWith(column + " [", StringComparison.Ordinal)) is var i and >= 0
            ? i
            : throw new InvalidDataException($"The report has no '{column}' column.");

    // A value is "1,234.5 ns" when the unit is in the cell, or "1234.5" under a header "Mean [ns]".
    private static double Quantity(string cell, string header, Dictionary<string, double> units)
    {
        var parts = cell.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts[0] == "-")
        {
            return 0;
        }

        var unit = parts.Length == 2 ? parts[1] : header[(header.IndexOf('[', StringComparison.Ordinal) + 1)..].TrimEnd(']');
        return double.Parse(parts[0], NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture) * units[unit];
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if ((c == ',' || c == ';') && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
