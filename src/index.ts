export * from 'rivulet/core'
export * from 'rivulet/react'
