-- When the delivery was last claimed for a send, and since when an attempt of it is unsettled: claimed, the provider
-- perhaps called, the outcome never recorded (the notifier stopped in between). A delivery claimed again while an
-- earlier claim still holds it becomes unsettled since that claim; before it is sent again its channel is asked
-- whether the provider accepted it since then. It stays unsettled until that question is answered.
ALTER TABLE delivery ADD COLUMN claimed_at TIMESTAMPTZ;
ALTER TABLE delivery ADD COLUMN unsettled_since TIMESTAMPTZ;
