using System.Globalization;
using System.Text;

namespace Enswitch.Client.Benchmarks;

/// <summary>
/// The list calls the list benchmarks make through the SDK's generated methods: <c>cdrs/list</c> (a list that takes
/// limit and offset) and <c>cdrs/totals/list</c>, each answered with 100 rows.
/// </summary>
internal static class ListScenario
{
    public const string CdrsPath = "api/json/cdrs/list/";

    public const string TotalsPath = "api/json/cdrs/totals/list/";

    public const int Rows = 100;

    public const long Start = 1_230_000_000;

    public const long End = 1_240_000_000;

    /// <summary>The filter parameters both contenders send to <c>cdrs/list</c>.</summary>
    public static readonly KeyValuePair<string, string>[] CdrsParameters =
    [
        new("start", Start.ToString(CultureInfo.InvariantCulture)),
        new("end", End.ToString(CultureInfo.InvariantCulture)),
        new("limit", Rows.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>The parameters both contenders send to <c>cdrs/totals/list</c>.</summary>
    public static readonly KeyValuePair<string, string>[] TotalsParameters =
    [
        new("start", Start.ToString(CultureInfo.InvariantCulture)),
        new("end", End.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>
    /// A <c>cdrs/list</c> answer of 100 rows. The guide's page names no row fields (it was cut before its example), so
    /// these twelve are made up for the benchmark: text, whole numbers and a decimal, as a call record holds. The SDK
    /// keeps every one of them in <c>AdditionalFields</c>, so the floor reads them by name too.
    /// </summary>
    public static readonly byte[] CdrsBody = Encoding.UTF8.GetBytes(Envelope(Enumerable.Range(0, Rows).Select(i => string.Create(
        CultureInfo.InvariantCulture,
        $$"""{"uniqueid":"{{Start + i}}.{{i:D6}}","callid":"a84c{{i:D4}}@203.0.113.7","customer":2,"start":{{Start + (i * 60)}},"answer":{{Start + (i * 60) + 5}},"end":{{Start + (i * 60) + 50}},"talktime":45,"snumber":"1001","cnumber":"1555123{{i:D4}}","direction":"out","status":"answered","cost":"0.0150"}"""))));

    /// <summary>
    /// A <c>cdrs/totals/list</c> answer of 100 hourly rows, with the six fields of the guide's example, all of which the
    /// SDK types.
    /// </summary>
    public static readonly byte[] TotalsBody = Encoding.UTF8.GetBytes(Envelope(Enumerable.Range(0, Rows).Select(i => string.Create(
        CultureInfo.InvariantCulture,
        $$"""{"customer":2,"start":{{Start + (i * 3600)}},"end":{{Start + (i * 3600) + 3599}},"inbound":{{i}},"outbound":{{i * 2}},"internal":{{i * 3}}}"""))));

    private static string Envelope(IEnumerable<string> rows) =>
        """{"responses":[{"code":"200","key":"","message":"OK"}],"data":[""" + string.Join(',', rows) + "]}";
}
