using ScottPlot;

namespace Enswitch.Client.Benchmarks;

/// <summary>
/// Draws the in-memory results as bar charts, median time and bytes allocated per call, one row of two charts for each
/// in-memory handler: the one that answers synchronously and the one that completes asynchronously, as a socket does.
/// </summary>
internal static class ChartWriter
{
    public static void Write(IReadOnlyList<(string Title, string CsvPath)> reports, string pngPath)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2 * reports.Count);
        for (var i = 0; i < reports.Count; i++)
        {
            var rows = ReportRow.Read(reports[i].CsvPath);
            // Long names on two lines, so that neighbouring labels do not overlap.
            var labels = rows.Select(r => r.Method.Trim('\'').Replace(" (", "\n(", StringComparison.Ordinal)).ToArray();
            Bars(multiplot.GetPlot(2 * i), labels, rows.Select(r => r.MedianNanoseconds / 1000).ToArray(), $"{reports[i].Title}: median µs per call", "{0:0.0}");
            Bars(multiplot.GetPlot((2 * i) + 1), labels, rows.Select(r => r.AllocatedBytes).ToArray(), $"{reports[i].Title}: bytes allocated per call", "{0:N0}");
        }

        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: reports.Count, columns: 2);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pngPath))!);
        multiplot.SavePng(pngPath, 1400, 520 * reports.Count);
        Console.WriteLine($"Wrote {pngPath} from {string.Join(", ", reports.Select(r => r.CsvPath))}");
    }

    private static void Bars(Plot plot, string[] labels, double[] values, string title, string format)
    {
        var bars = plot.Add.Bars(values);
        for (var i = 0; i < bars.Bars.Count; i++)
        {
            bars.Bars[i].Label = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, values[i]);
            bars.Bars[i].FillColor = i switch { 0 => Colors.SteelBlue, 1 => Colors.SeaGreen, 2 => Colors.LightGreen, _ => Colors.Gray };
        }

        bars.ValueLabelStyle.FontSize = 14;
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, labels.Length).Select(i => (double)i).ToArray(), labels);
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.Title(title);
        plot.HideGrid();
    }
}
