using ScottPlot;

namespace Enswitch.Client.Benchmarks;

/// <summary>Draws the in-memory results as two bar charts side by side: median time and bytes allocated per call.</summary>
internal static class ChartWriter
{
    public static void Write(string csvPath, string pngPath)
    {
        var rows = ReportRow.Read(csvPath);
        // Long names on two lines, so that neighbouring labels do not overlap.
        var labels = rows.Select(r => r.Method.Trim('\'').Replace(" (", "\n(", StringComparison.Ordinal)).ToArray();
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        Bars(multiplot.GetPlot(0), labels, rows.Select(r => r.MedianNanoseconds / 1000).ToArray(), "Median time per call (µs, lower is better)", "{0:0.0}");
        Bars(multiplot.GetPlot(1), labels, rows.Select(r => r.AllocatedBytes).ToArray(), "Allocated per call (bytes, lower is better)", "{0:N0}");
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pngPath))!);
        multiplot.SavePng(pngPath, 1400, 520);
        Console.WriteLine($"Wrote {pngPath} from {csvPath}");
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
