/* "Move up" / "Move down" beside each row's position in a tabular inline whose position box
   carries the labels (blog/admin.py, ReferenceFormSet): a click moves the row and numbers the
   filled-in rows 1, 2, 3… in their new order. Without this script the positions are typed. */
;(() => {
  "use strict"
  const ROW = "tr.form-row:not(.empty-form)"

  function filledIn(row) {
    const id = row.querySelector("input[name$='-id']")
    if (id && id.value) return true
    return Array.from(row.querySelectorAll("textarea, input[type=text], input[type=url]")).some(
      (field) => field.value.trim() !== "",
    )
  }

  function renumber(body) {
    let next = 1
    body.querySelectorAll(ROW).forEach((row) => {
      const position = row.querySelector("input[data-move-up]")
      if (position) position.value = filledIn(row) ? String(next++) : ""
    })
  }

  function move(row, up) {
    const sibling = up ? row.previousElementSibling : row.nextElementSibling
    if (!sibling || !sibling.matches(ROW)) return
    if (up) sibling.before(row)
    else sibling.after(row)
    renumber(row.parentElement)
  }

  function addButtons(row) {
    const position = row.querySelector("input[data-move-up]")
    if (!position || row.querySelector(".reorder-rows")) return
    const buttons = document.createElement("span")
    buttons.className = "reorder-rows"
    for (const [label, up] of [
      [position.dataset.moveUp, true],
      [position.dataset.moveDown, false],
    ]) {
      const button = document.createElement("button")
      button.type = "button"
      button.className = "button"
      button.textContent = label
      button.addEventListener("click", () => {
        move(row, up)
        button.focus()
      })
      buttons.append(button)
    }
    position.after(buttons)
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(ROW).forEach(addButtons)
  })
  // A row added with "Add another" (Django's inlines.js) gets its buttons too.
  document.addEventListener("formset:added", (event) => addButtons(event.target))
})()
