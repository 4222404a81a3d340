-- Channels such as webhook and telegram need more than a target (a signing secret, a bot token): the contact's
-- settings, as a JSON object, are kept with each delivery so the worker has the whole contact at send time.
-- Null for deliveries queued before this column existed (email needs no settings). monitor_spec.contacts now holds
-- {channel, target, settings} objects.
ALTER TABLE delivery ADD COLUMN settings TEXT;
