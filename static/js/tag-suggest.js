/* The tag box's suggestions (invamed.content.widgets.TagSuggestWidget): the browser matches a
   <datalist> against the whole value, which helps only with the first tag. While the editor
   types after a comma, the options become "the tags typed so far, <existing tag>", so the
   browser offers the existing tags for the last one too and keeps the earlier ones. */
;(() => {
  "use strict"
  function attach(input) {
    const list = document.getElementById(input.getAttribute("list"))
    if (!list) return
    const names = Array.from(list.options, (option) => option.value)
    input.addEventListener("input", () => {
      const cut = input.value.lastIndexOf(",")
      const before = cut < 0 ? "" : input.value.slice(0, cut + 1).trimEnd() + " "
      const typed = new Set(
        input.value.slice(0, cut + 1).split(",").map((part) => part.trim().replace(/^"|"$/g, "").toLowerCase())
      )
      list.replaceChildren(
        ...names
          .filter((name) => !typed.has(name.toLowerCase()))
          .map((name) => {
            const option = document.createElement("option")
            option.value = before + (name.includes(",") ? `"${name}"` : name)
            return option
          })
      )
    })
  }
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("input[data-tag-suggest][list]").forEach(attach)
  })
})()
