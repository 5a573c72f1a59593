using System.Globalization;

namespace Kombu.Transport.Sqs;

/// <summary>The SQS transport options Kombu 5 reads (wire format §6).</summary>
public sealed class SqsTransportOptions
{
    /// <summary>Prepended to every queue name before mangling (<c>queue_name_prefix</c>, default empty).</summary>
    public string QueueNamePrefix { get; init; } = "";

    /// <summary>Visibility timeout of created queues in seconds (<c>visibility_timeout</c>, default 1800).</summary>
    public int VisibilityTimeout { get; init; } = 1800;

    /// <summary>Long-polling wait of each receive in seconds (<c>wait_time_seconds</c>, 0–20, default 10).</summary>
    public int WaitTimeSeconds { get; init; } = 10;

    /// <summary>Whether the SQS body is base64 of the envelope JSON (<c>sqs_base64_encoding</c>, default true).</summary>
    public bool Base64Encoding { get; init; } = true;

    /// <summary>The AWS region (<c>region</c>, default the AWS_REGION/AWS_DEFAULT_REGION variables, then us-east-1).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Explicit service endpoint (<c>endpoint_url</c>), or <see langword="null"/> to derive it.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>Whether a derived endpoint uses https (<c>is_secure</c>, default false as in Kombu).</summary>
    public bool IsSecure { get; init; }

    /// <summary>Access key id from the <c>access_key_id</c> keyword, or <see langword="null"/>.</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>Secret access key from the <c>secret_access_key</c> keyword, or <see langword="null"/>.</summary>
    public string? SecretAccessKey { get; init; }

    /// <summary>Existing queues by SQS queue name (<c>predefined_queues</c>); when set, nothing is listed or created.</summary>
    public IReadOnlyDictionary<string, SqsPredefinedQueue>? PredefinedQueues { get; init; }

    /// <summary>Extra CreateQueue attributes (<c>sqs-creation-attributes</c>).</summary>
    public IReadOnlyDictionary<string, string> CreationAttributes { get; init; } = new Dictionary<string, string>();

    /// <summary>Tags given to the queues this transport creates (<c>queue_tags</c>, Kombu 5.6).</summary>
    public IReadOnlyDictionary<string, string> QueueTags { get; init; } = new Dictionary<string, string>();

    /// <summary>The IAM role the predefined queues are reached with, through STS AssumeRole (<c>sts_role_arn</c>), or <see langword="null"/>.</summary>
    public string? StsRoleArn { get; init; }

    /// <summary>Lifetime of an assumed role's token in seconds (<c>sts_token_timeout</c>, default and minimum 900).</summary>
    public int StsTokenTimeout { get; init; } = 900;

    /// <summary>How long before its expiry a token is replaced (<c>sts_token_buffer_time</c>, Kombu 5.6; default 0).</summary>
    public TimeSpan StsTokenBufferTime { get; init; }

    /// <summary>The STS endpoint (<c>sts_endpoint_url</c>, not in Kombu, whose boto3 reads <c>AWS_ENDPOINT_URL_STS</c>), or <see langword="null"/> for the region's.</summary>
    public string? StsEndpointUrl { get; init; }

    /// <summary>The botocore settings of <c>client-config</c> that apply to the AWSSDK clients.</summary>
    public SqsClientConfig ClientConfig { get; init; } = new();

    /// <summary>Reads the options from a connection's transport options.</summary>
    /// <param name="options">The transport options.</param>
    /// <returns>The parsed options.</returns>
    /// <exception cref="ArgumentException">An option has the wrong shape.</exception>
    public static SqsTransportOptions Parse(IDictionary<string, object?> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var region = Text(options, "region") ?? Environment.GetEnvironmentVariable("AWS_REGION")
            ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? "us-east-1";
        return new SqsTransportOptions
        {
            QueueNamePrefix = Text(options, "queue_name_prefix") ?? "",
            VisibilityTimeout = Int(options, "visibility_timeout", 1800),
            WaitTimeSeconds = Math.Clamp(Int(options, "wait_time_seconds", 10), 0, 20),
            Base64Encoding = Bool(options, "sqs_base64_encoding", true),
            Region = region,
            EndpointUrl = Text(options, "endpoint_url"),
            IsSecure = Bool(options, "is_secure", false),
            AccessKeyId = Text(options, "access_key_id"),
            SecretAccessKey = Text(options, "secret_access_key"),
            PredefinedQueues = Predefined(options),
            CreationAttributes = StringMap(options, "sqs-creation-attributes") ?? new Dictionary<string, string>(),
            QueueTags = StringMap(options, "queue_tags") ?? new Dictionary<string, string>(),
            StsRoleArn = Text(options, "sts_role_arn"),
            StsTokenTimeout = StsTimeout(options),
            StsTokenBufferTime = TimeSpan.FromSeconds(Int(options, "sts_token_buffer_time", 0)),
            StsEndpointUrl = Text(options, "sts_endpoint_url"),
            ClientConfig = SqsClientConfig.Parse(options.TryGetValue("client-config", out var config) ? config : null),
        };
    }

    // STS refuses a DurationSeconds under 900, so Kombu documents 900 as the default and the minimum.
    private static int StsTimeout(IDictionary<string, object?> options)
    {
        var seconds = Int(options, "sts_token_timeout", 900);
        return seconds >= 900 ? seconds : throw new ArgumentException(SqsErrors.BadOption("sts_token_timeout", seconds), nameof(options));
    }

    private static string? Text(IDictionary<string, object?> options, string name) =>
        options.TryGetValue(name, out var value) && value is not null
            ? Convert.ToString(value, CultureInfo.InvariantCulture)
            : null;

    private static int Int(IDictionary<string, object?> options, string name, int fallback)
    {
        if (!options.TryGetValue(name, out var value) || value is null)
            return fallback;
        try
        {
            return (int)Convert.ToDouble(value, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException(SqsErrors.BadOption(name, value), nameof(options), ex);
        }
    }

    private static bool Bool(IDictionary<string, object?> options, string name, bool fallback) =>
        !options.TryGetValue(name, out var value) || value is null
            ? fallback
            : value is bool b ? b : value.ToString()?.ToLowerInvariant() is "1" or "true" or "yes" or "on";

    private static Dictionary<string, string>? StringMap(IDictionary<string, object?> options, string name)
    {
        if (!options.TryGetValue(name, out var value) || value is null)
            return null;
        if (value is not System.Collections.IDictionary map)
            throw new ArgumentException(SqsErrors.BadOption(name, value), nameof(options));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in map)
            result[Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!] = Convert.ToString(entry.Value, CultureInfo.InvariantCulture) ?? "";
        return result;
    }

    private static Dictionary<string, SqsPredefinedQueue>? Predefined(IDictionary<string, object?> options)
    {
        if (!options.TryGetValue("predefined_queues", out var value) || value is null)
            return null;
        if (value is not System.Collections.IDictionary map)
            throw new ArgumentException(SqsErrors.BadOption("predefined_queues", value), nameof(options));
        var result = new Dictionary<string, SqsPredefinedQueue>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in map)
        {
            var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!;
            var queue = entry.Value switch
            {
                string url => new SqsPredefinedQueue { Url = url },
                System.Collections.IDictionary settings when settings["url"] is string url => new SqsPredefinedQueue
                {
                    Url = url,
                    AccessKeyId = settings["access_key_id"] as string,
                    SecretAccessKey = settings["secret_access_key"] as string,
                    SessionToken = settings["session_token"] as string,
                    Region = settings["region"] as string,
                    BackoffPolicy = BackoffPolicy(name, settings["backoff_policy"]),
                    BackoffTasks = BackoffTasks(name, settings["backoff_tasks"]),
                },
                _ => throw new ArgumentException(SqsErrors.BadPredefinedQueue(name, "it needs a \"url\""), nameof(options)),
            };
            // Kombu's _validate_predifined_queues: AWS names FIFO queues with the .fifo suffix, so name and URL must agree.
            if (SqsQueueNames.IsFifo(name) != SqsQueueNames.IsFifo(queue.Url))
                throw new ArgumentException(SqsErrors.FifoMismatch(name, queue.Url), nameof(options));
            result[name] = queue;
        }
        return result;
    }

    private static Dictionary<int, int> BackoffPolicy(string queue, object? value)
    {
        var result = new Dictionary<int, int>();
        if (value is null)
            return result;
        if (value is not System.Collections.IDictionary map)
            throw new ArgumentException(SqsErrors.BadPredefinedQueue(queue, "backoff_policy must map receive counts to seconds"));
        foreach (System.Collections.DictionaryEntry entry in map)
        {
            if (!int.TryParse(Convert.ToString(entry.Key, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture, out var count)
                || !int.TryParse(Convert.ToString(entry.Value, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture, out var seconds))
            {
                throw new ArgumentException(SqsErrors.BadPredefinedQueue(queue, $"backoff_policy entry {entry.Key}: {entry.Value} is not two integers"));
            }

            result[count] = seconds;
        }
        return result;
    }

    private static HashSet<string> BackoffTasks(string queue, object? value) => value switch
    {
        null => new HashSet<string>(StringComparer.Ordinal),
        string => throw new ArgumentException(SqsErrors.BadPredefinedQueue(queue, "backoff_tasks must be a list of task names")),
        System.Collections.IEnumerable names => new HashSet<string>(
            names.Cast<object?>().Select(n => Convert.ToString(n, CultureInfo.InvariantCulture) ?? ""), StringComparer.Ordinal),
        _ => throw new ArgumentException(SqsErrors.BadPredefinedQueue(queue, "backoff_tasks must be a list of task names")),
    };
}
