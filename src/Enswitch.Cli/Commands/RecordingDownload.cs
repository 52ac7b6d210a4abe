using System.Globalization;
using Enswitch.Cli.Output;
using Enswitch.Client;
using Enswitch.Client.Recording;

namespace Enswitch.Cli.Commands;

/// <summary>
/// <c>enswitch recording recordings get --out-file PATH</c>: downloads a recording's audio through the SDK's streaming
/// download (which caps its size) into a temporary file beside PATH, with progress on stderr, and renames it to PATH only
/// when the download is complete, so a failed or cancelled download never leaves a partial file under that name.
/// </summary>
internal static class RecordingDownload
{
    /// <summary>The function whose command offers <c>--out-file</c>.</summary>
    public const string Function = "recording/recordings/get";

    private static readonly string[] Accepted = ["recordgroup", "uniqueid", "recordid", "sha1"];

    /// <summary>Downloads the recording the parameters name into <paramref name="file"/>.</summary>
    /// <exception cref="CliUsageException">A parameter other than the recording's ids and sha1 was given, or recordgroup is not a number.</exception>
    public static async Task RunAsync(IEnswitchClient client, IReadOnlyList<KeyValuePair<string, string>> parameters, FileInfo file, AnswerPrinter printer, CancellationToken cancellationToken)
    {
        if (parameters.FirstOrDefault(p => !Accepted.Contains(p.Key, StringComparer.Ordinal)) is { Key: { } other })
        {
            throw new CliUsageException($"With --out-file the tool asks for the audio itself (wrap=json, encoding=base64); leave out --{other.Replace('_', '-')}.");
        }

        string Value(string name) => parameters.First(p => p.Key == name).Value;
        if (!long.TryParse(Value("recordgroup"), NumberStyles.None, CultureInfo.InvariantCulture, out var group))
        {
            throw new CliUsageException("--recordgroup must be a record group id (a whole number) with --out-file.");
        }

        var request = new GetRecordingRequest(group, Value("uniqueid"), Value("recordid"))
        {
            IncludeSha1 = parameters.Any(p => p.Key == "sha1") ? Value("sha1") == "1" : null,
        };
        var temporary = Path.Combine(file.DirectoryName ?? ".", $".{file.Name}.{Environment.ProcessId}.part");
        try
        {
            long written;
            await using (var download = await client.Recordings.GetAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false))
            await using (var target = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                written = await CopyAsync(download.Content, target, printer, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, file.FullName, overwrite: true);
            printer.Notice($"Saved {written.ToString("N0", CultureInfo.InvariantCulture)} bytes to {file.FullName}.");
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static async Task<long> CopyAsync(Stream source, Stream target, AnswerPrinter printer, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        long shown = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            total += read;
            if (total - shown >= 1 << 20)
            {
                shown = total;
                printer.Progress($"{(total >> 10).ToString("N0", CultureInfo.InvariantCulture)} KiB downloaded");
            }
        }

        printer.Progress($"{(total >> 10).ToString("N0", CultureInfo.InvariantCulture)} KiB downloaded", done: true);
        return total;
    }
}
