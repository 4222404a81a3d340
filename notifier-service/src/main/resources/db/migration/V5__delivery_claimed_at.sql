-- When the delivery was last claimed for a send. A delivery claimed again while an earlier claim still holds it
-- (the notifier stopped between the provider's answer and recording it) has an unsettled attempt that began then:
-- the channel is asked whether its provider accepted the notification since, before it is sent again.
ALTER TABLE delivery ADD COLUMN claimed_at TIMESTAMPTZ;
