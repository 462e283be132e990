/* Autosave of an item's change form in this browser (localStorage), so that text typed is not
   lost to a crash or an expired session. The form's hidden `base_version` field says which item
   it is and the number of the version saved now (invamed/review/admin.py, autosave_attrs).

   - While the editor types (plain boxes, and CKEditor 4's 'change' event), the text is kept
     with the number of the version it was typed on.
   - On opening the page again, a draft that differs from the saved text is offered back:
     "Restore" / "Discard". If a newer version was saved since the draft was begun, it is only
     offered to discard: it is never put over someone's newer text (and a save would meet the
     conflict check anyway).
   - Submitting the form marks the draft as sent; once the page shows a newer version than the
     draft's, the save went through and the draft is dropped. */
;(() => {
  "use strict"
  const PREFIX = "invamed-autosave:"
  const DELAY_MS = 800

  function ckeditor(field) {
    return window.CKEDITOR && field.id ? window.CKEDITOR.instances[field.id] : null
  }

  function fieldsOf(form) {
    // The item's own text boxes: not the inlines' rows (their names carry a prefix), not
    // the hidden tokens, not the action bar's comment boxes (they belong to other forms).
    return Array.from(form.querySelectorAll("input[type=text], input[type=url], textarea")).filter(
      (field) => field.form === form && field.name && !field.name.includes("-") && !field.disabled,
    )
  }

  function valueOf(field) {
    const editor = ckeditor(field)
    return editor ? editor.getData() : field.value
  }

  function setValue(field, value) {
    const editor = ckeditor(field)
    if (editor) editor.setData(value)
    else field.value = value
  }

  // What counts as the same text: CKEditor rewrites the spacing between tags.
  function same(a, b) {
    const tidy = (text) => String(text).replace(/>\s+</g, "><").replace(/\s+/g, " ").trim()
    return tidy(a) === tidy(b)
  }

  function read(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key))
    } catch {
      return null
    }
  }

  function when(iso, lang) {
    const date = new Date(iso)
    const today = new Date().toDateString() === date.toDateString()
    return date.toLocaleString(lang || undefined, today ? { timeStyle: "short" } : { dateStyle: "medium", timeStyle: "short" })
  }

  function start(marker) {
    const form = marker.form
    if (!form) return
    const key = PREFIX + marker.dataset.autosave
    const head = Number(marker.dataset.autosaveHead || 0)
    const fields = fieldsOf(form)
    const lang = document.documentElement.lang
    // The version the text now in the form was typed on.
    const base = Number(marker.value || head)
    let paused = false
    let timer = null

    function save(extra) {
      if (paused) return
      const values = {}
      for (const field of fields) values[field.name] = valueOf(field)
      const draft = { base, savedAt: new Date().toISOString(), values, ...extra }
      try {
        window.localStorage.setItem(key, JSON.stringify(draft))
      } catch {
        // A full or refused storage: the form still works, without the safety net.
      }
    }

    function later() {
      window.clearTimeout(timer)
      timer = window.setTimeout(() => save(), DELAY_MS)
    }

    function discard(prompt) {
      window.localStorage.removeItem(key)
      prompt.remove()
      paused = false
    }

    function offer(draft) {
      const newer = head > draft.base
      const prompt = document.createElement("div")
      prompt.className = "autosave-prompt"
      prompt.setAttribute("role", "alert")
      const text = document.createElement("p")
      text.textContent = (newer ? marker.dataset.autosaveNewer : marker.dataset.autosaveRestorePrompt)
        .replace("%(time)s", when(draft.savedAt, lang))
        .replace("%(number)s", String(head))
      prompt.append(text)
      if (!newer) {
        const restore = document.createElement("button")
        restore.type = "button"
        restore.className = "button default"
        restore.textContent = marker.dataset.autosaveRestore
        restore.addEventListener("click", () => {
          for (const field of fields) {
            if (field.name in draft.values) setValue(field, draft.values[field.name])
          }
          prompt.remove()
          paused = false
          save()
        })
        prompt.append(restore, " ")
      }
      const drop = document.createElement("button")
      drop.type = "button"
      drop.className = "button"
      drop.textContent = marker.dataset.autosaveDiscard
      drop.addEventListener("click", () => discard(prompt))
      prompt.append(drop)
      // While the question is open, typing does not replace the draft it is about.
      paused = true
      form.prepend(prompt)
    }

    const draft = read(key)
    const refused = document.querySelector(".errornote, .errorlist")
    if (draft && draft.values && !refused) {
      const unchanged = fields.every(
        (field) => !(field.name in draft.values) || same(draft.values[field.name], field.value),
      )
      if (unchanged || (draft.sent && head > draft.base)) window.localStorage.removeItem(key)
      else offer(draft)
    }

    form.addEventListener("input", (event) => {
      if (event.target.form === form) later()
    })
    form.addEventListener("submit", () => save({ sent: true }))
    const watch = (editor) => {
      if (fields.some((field) => field.id === editor.name)) editor.on("change", later)
    }
    if (window.CKEDITOR) {
      Object.values(window.CKEDITOR.instances).forEach(watch)
      window.CKEDITOR.on("instanceCreated", (event) => watch(event.editor))
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("input[data-autosave]").forEach(start)
  })
})()
