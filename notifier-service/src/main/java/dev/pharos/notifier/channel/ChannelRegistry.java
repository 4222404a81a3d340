package dev.pharos.notifier.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every {@link NotificationChannel} bean, by kind. */
@ApplicationScoped
public class ChannelRegistry {

    private final Map<String, NotificationChannel> channels;

    public ChannelRegistry(@Any Instance<NotificationChannel> channels) {
        this.channels = channels.stream().collect(Collectors.toMap(NotificationChannel::kind, Function.identity()));
    }

    public Optional<NotificationChannel> find(String kind) {
        return Optional.ofNullable(channels.get(kind));
    }
}
