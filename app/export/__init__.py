"""Round drafts in Word: DOCX exports and import."""
