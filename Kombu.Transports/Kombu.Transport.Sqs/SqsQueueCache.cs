using System.Collections.Concurrent;
using Amazon.SQS.Model;

namespace Kombu.Transport.Sqs;

/// <summary>Queue URLs by SQS queue name for one connection (Kombu's <c>_queue_cache</c>, wire format §6.2).</summary>
internal sealed class SqsQueueCache(SqsTransport transport)
{
    private readonly ConcurrentDictionary<string, string> _urls = new(StringComparer.Ordinal);
    private int _listed;

    /// <summary>The SQS queue name of a Kombu queue.</summary>
    public string SqsName(string queue) => SqsQueueNames.Canonical(transport.Options.QueueNamePrefix, queue);

    /// <summary>Finds a queue's URL, creating the queue when <paramref name="create"/> is set.</summary>
    public async ValueTask<string?> ResolveAsync(string queue, bool create, CancellationToken cancellationToken)
    {
        var name = SqsName(queue);
        if (transport.Options.PredefinedQueues is { } predefined)
            return predefined.TryGetValue(name, out var defined) ? defined.Url : throw new Kombu.Exceptions.KombuChannelException(SqsErrors.UndefinedQueue(name));
        if (_urls.TryGetValue(name, out var url))
            return url;
        if (Interlocked.Exchange(ref _listed, 1) == 0)
            await ListAsync(transport.Options.QueueNamePrefix, cancellationToken).ConfigureAwait(false);
        if (_urls.TryGetValue(name, out url))
            return url;
        await ListAsync(name, cancellationToken).ConfigureAwait(false);
        if (_urls.TryGetValue(name, out url))
            return url;
        if (!create)
            return null;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["VisibilityTimeout"] = transport.Options.VisibilityTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (SqsQueueNames.IsFifo(name))
            attributes["FifoQueue"] = "true";
        foreach (var (key, value) in transport.Options.CreationAttributes)
            attributes[key] = value;
        var request = new CreateQueueRequest { QueueName = name, Attributes = attributes };
        if (transport.Options.QueueTags.Count > 0)
            request.Tags = new Dictionary<string, string>(transport.Options.QueueTags, StringComparer.Ordinal);
        var created = await transport.Sqs.CreateQueueAsync(request, cancellationToken).ConfigureAwait(false);
        return _urls[name] = created.QueueUrl;
    }

    /// <summary>Forgets a deleted queue.</summary>
    public void Forget(string queue) => _urls.TryRemove(SqsName(queue), out _);

    private async ValueTask ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var response = await transport.Sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = prefix }, cancellationToken)
            .ConfigureAwait(false);
        foreach (var url in response.QueueUrls ?? [])
            _urls[url[(url.LastIndexOf('/') + 1)..]] = url;
    }
}
