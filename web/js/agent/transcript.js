// The live transcript of the call room. Lines come from two places that carry the same segment ids: the bot's
// `lk.transcription` text streams in the room (attributes lk.transcribed_participant_identity, lk.segment_id,
// lk.transcription_final) and the control API's `transcript.line` events. A segment is one list item, updated in
// place from interim to final, so both sources together never show a line twice.

import { element } from '../ui.js';

export class TranscriptView {
  constructor(list, empty) {
    this.list = list;
    this.empty = empty;
    this.room = null;
    this.items = new Map();
    this.names = new Map();
  }

  /** Shows the transcript of `room` (cleared when the room changes). */
  setRoom(room) {
    if (room === this.room) {
      return;
    }
    this.room = room;
    this.items.clear();
    this.list.replaceChildren();
    this.empty.hidden = false;
  }

  /** A speaker's display name, learnt from the room's participants. */
  setName(identity, name) {
    if (identity && name) {
      this.names.set(identity, name);
    }
  }

  /** A `transcript.line` event: `{room, segmentId, speaker, speakerRole, text, final}`. */
  addLine(line) {
    if (!line || line.room !== this.room) {
      return;
    }
    this.upsert(line.segmentId, line.speaker, line.speakerRole, line.text, line.final !== false);
  }

  /**
   * A segment's text as it is known now (text streams deliver deltas; the caller accumulates them and passes the
   * whole text here).
   */
  upsert(segmentId, speaker, role, text, final) {
    const id = segmentId || `${speaker}:${this.items.size}`;
    const trimmed = (text ?? '').trim();
    let entry = this.items.get(id);
    if (!entry) {
      if (!trimmed) {
        return;
      }
      const item = element('li');
      const who = element('span', { className: 'speaker' });
      const said = element('span', { className: 'text' });
      item.append(who, ' ', said);
      this.list.append(item);
      entry = { item, who, said, final: false };
      this.items.set(id, entry);
      this.empty.hidden = true;
    } else if (entry.final && !final) {
      return; // A late interim update never replaces the final words.
    }
    entry.final = final;
    entry.item.dataset.final = String(final);
    entry.item.dataset.segment = id;
    entry.who.textContent = `${this.label(speaker, role)}:`;
    if (trimmed && entry.said.textContent !== trimmed) {
      entry.said.textContent = trimmed;
    }
    this.list.scrollTop = this.list.scrollHeight;
  }

  label(speaker, role) {
    const name = this.names.get(speaker);
    if (name) {
      return role === 'caller' ? `${name} (caller)` : name;
    }
    if (role === 'caller') {
      return 'Caller';
    }
    return speaker || 'Someone';
  }
}

/**
 * Registers the `lk.transcription` handler on a call room and feeds `view`; `roleOf(identity)` says 'caller' or
 * 'agent'. Each stream is one segment's text (or an interim version of it); the final one replaces the interim.
 * Returns a function that unregisters the handler.
 */
export function listenForTranscription(room, topic, view, roleOf) {
  room.registerTextStreamHandler(topic, async (reader, participantInfo) => {
    const attributes = reader.info?.attributes ?? {};
    const speaker = attributes['lk.transcribed_participant_identity'] || participantInfo?.identity || '';
    const segmentId = attributes['lk.segment_id'] || reader.info?.id;
    const final = attributes['lk.transcription_final'] === 'true';
    let text = '';
    try {
      for await (const chunk of reader) {
        text += chunk;
        view.upsert(segmentId, speaker, roleOf(speaker), text, false);
      }
      view.upsert(segmentId, speaker, roleOf(speaker), text, final);
    } catch {
      // A stream cut short (the bot left or the room closed): keep what arrived.
    }
  });
  return () => room.unregisterTextStreamHandler(topic);
}
